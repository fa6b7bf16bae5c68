package dev.mpunit.engine.execution;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.mpunit.engine.verdict.Verdict;
import dev.mpunit.hardware.Interactive;
import dev.mpunit.hardware.local.ProcessInteractive;

/**
 * Runs multitests on subprocess instances and prints what {@code run-multitests.py -s -p 2} prints
 * for them (the verdict line, TEST and TRUTH, the metrics), so that the two can be diffed:
 * {@code MultitestsBeside <tests dir> <instance command> <instance command> <file>...}. Not a
 * test: a tool for the evidence that the session decides as upstream does.
 */
public final class MultitestsBeside {

    private MultitestsBeside() {
    }

    public static void main(String[] args) throws Exception {
        Path tests = Path.of(args[0]).toAbsolutePath();
        List<String> commands = List.of(args[1], args[2]);
        List<List<String>> orders = List.of(commands, List.of(commands.get(1), commands.get(0)));
        String hostIp = Multitest.hostAddress();
        Map<String, String> environment = Map.of("MICROPYPATH", ".frozen:" + tests.resolve("../extmod"));
        for (List<String> order : orders) {
            for (int f = 3; f < args.length; f++) {
                Multitest test = Multitest.read(Path.of(args[f]));
                List<Interactive> instances = new ArrayList<>();
                List<Interactive> truth = new ArrayList<>();
                for (int i = 0; i < test.instances(); i++) {
                    instances.add(new ProcessInteractive(List.of(order.get(i % 2))));
                    truth.add(new ProcessInteractive(List.of("python3")));
                }
                List<String> names = instances.stream().map(Interactive::name).toList();
                System.out.println(args[f] + " on " + String.join("|", names) + ": ");
                MultitestSession.Result result = new MultitestSession(test, instances, hostIp, environment,
                        MultitestSession.Clock.SYSTEM).run();
                System.out.println("### TEST ###");
                System.out.print(result.output());
                String expected = "";
                if (!result.skip()) {
                    Path exp = Path.of(args[f] + ".exp");
                    expected = Files.exists(exp)
                            ? Files.readString(exp, StandardCharsets.UTF_8).replace("\r\n", "\n")
                            : new MultitestSession(test, truth, hostIp, environment, MultitestSession.Clock.SYSTEM)
                                    .run().output();
                    System.out.println("### TRUTH ###");
                    System.out.print(expected);
                }
                Verdict verdict = MultitestJudgement.judge(result, expected, "", names);
                System.out.println(verdict.kind() == Verdict.Kind.FAIL ? "FAIL" : verdict.kind().resultsWord());
                String file = args[f];
                result.metrics().forEach(metric -> System.out.println(file + ": " + metric));
                result.notes().forEach(note -> System.out.println("NOTE " + note));
                System.out.println();
            }
        }
    }
}
