package dev.mpunit.server.ingest;

import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * What a run's {@code context.json} (or the upload's parameters) says about the run.
 *
 * @param testbed the testbed that ran it: whose token must carry the push
 * @param trigger why it ran (nightly, a pull request, by hand)
 * @param refFirmware the firmware's git ref
 * @param refTests the tests' git ref ({@code https://github.com/micropython/micropython.git@master}): the
 *        pages link each test to its source there
 * @param commandline how it was started, secrets already blanked out by the client
 * @param error why the run stopped early, null when it did not
 * @param unfinished the run did not finish (killed, cancelled): kept, and replaced by a later finished push
 * @param timeStart in UTC
 * @param timeEnd in UTC, null when unknown
 * @param campaign the campaign the run belongs to ({@code dev.mpunit.contract.CampaignId}), null when none: the
 *        runs of several testbeds with one campaign are one report
 */
public record RunInfo(String testbed, String testbedInstance, String trigger, String refFirmware, String refTests,
        String commandline, String error, boolean unfinished, OffsetDateTime timeStart, OffsetDateTime timeEnd,
        String campaign) {

    public RunInfo {
        Objects.requireNonNull(testbed, "testbed");
        Objects.requireNonNull(timeStart, "timeStart");
    }
}
