/**
 * What the {@code micropython} engine and everything that reads its results agree on
 * ({@code docs/report-entries.md}, {@code docs/architecture.md}): the report-entry keys and
 * verdict words, the unique ids of the test tree and their parser, and the configuration keys the
 * reporting listeners read. Listeners depend on this module, never on the engine.
 */
module dev.mpunit.contract {
    requires transitive org.junit.platform.engine;

    exports dev.mpunit.contract;
}
