package dev.mpunit.engine.verdict;

import static dev.mpunit.engine.verdict.TestBytes.b;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mpunit.engine.verdict.UnittestCase.Status;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The outputs below were captured from MicroPython 1.27 (webassembly, frozen
 * micropython-lib unittest) running small test files.
 */
class UnittestSummaryTest {

    /** TestY: ok, FAIL, ERROR, skipped; TestZ: ok, a failing subTest. */
    static final String MIXED = """
            test_a (__main__.TestY) ... ok
            test_fail (__main__.TestY) ... FAIL
            test_err (__main__.TestY) ... ERROR
            test_skip (__main__.TestY) ... skipped: not now
            test_b (__main__.TestZ) ... ok
            test_sub (__main__.TestZ) ... FAIL

            ======================================================================
            FAIL: test_err <class 'TestY'>
            ----------------------------------------------------------------------
            Traceback (most recent call last):
              File "unittest/__init__.py", line 399, in run_one
              File "<stdin>", line 9, in test_err
            ValueError: boom

            ======================================================================
            FAIL: test_fail <class 'TestY'>
            ----------------------------------------------------------------------
            Traceback (most recent call last):
              File "unittest/__init__.py", line 399, in run_one
              File "<stdin>", line 7, in test_fail
              File "unittest/__init__.py", line 97, in assertEqual
            AssertionError: 1 vs (expected) 2

            ======================================================================
            FAIL: test_sub (__main__.TestZ)  (i=1)
            ----------------------------------------------------------------------
            Traceback (most recent call last):
              File "<stdin>", line 20, in test_sub
              File "unittest/__init__.py", line 97, in assertEqual
            AssertionError: 1 vs (expected) 0

            ----------------------------------------------------------------------
            Ran 6 tests

            FAILED (failures=2, errors=1)
            """;

    /** Output printed by tests and setUp, a skipped subTest, two failing subTests, a multi-line error. */
    static final String PRINTING = """
            test_func (__main__) ...in func
             ok
            test_print (__main__.TestP) ...setup
            hello
            world
             ok
            test_subskip (__main__.TestP) ...setup
             skipped: subskip
             ok
            test_two_sub (__main__.TestP) ...setup
             FAIL
            test_err_multiline (__main__.TestP) ...setup
             ERROR

            ======================================================================
            FAIL: test_err_multiline <class 'TestP'>
            ----------------------------------------------------------------------
            Traceback (most recent call last):
              File "unittest/__init__.py", line 399, in run_one
              File "<stdin>", line 20, in test_err_multiline
            ValueError: line1
            line2

            ======================================================================
            FAIL: test_two_sub (__main__.TestP)  (i=1)
            ----------------------------------------------------------------------
            Traceback (most recent call last):
              File "<stdin>", line 18, in test_two_sub
            AssertionError: bad 1

            ======================================================================
            FAIL: test_two_sub (__main__.TestP)  (i=2)
            ----------------------------------------------------------------------
            Traceback (most recent call last):
              File "<stdin>", line 18, in test_two_sub
            AssertionError: bad 2

            ----------------------------------------------------------------------
            Ran 5 tests

            FAILED (failures=2, errors=1)
            """;

    static final String SKIPPED_OK = """
            test_ok (__main__.T) ... skipped: why
            test_b (__main__.T) ... ok
            ----------------------------------------------------------------------
            Ran 2 tests

            OK (skipped=1)
            """;

    /** A runTest-style case prints its object, address included. */
    static final String RUN_TEST = """
            <T object at 31b90> (__main__.T) ... ok
            ----------------------------------------------------------------------
            Ran 1 tests

            OK
            """;

    /** Output without newline before the status; a module-level test function failing. */
    static final String PARTIAL_AND_FUNCTION = """
            test_one (__main__.TestA) ...partial FAIL
            test_module_level (__main__) ... FAIL

            ======================================================================
            FAIL: test_one <class 'TestA'>
            ----------------------------------------------------------------------
            Traceback (most recent call last):
              File "unittest/__init__.py", line 399, in run_one
              File "<stdin>", line 6, in test_one
              File "unittest/__init__.py", line 177, in assertTrue
            AssertionError: Expected False to be True

            ======================================================================
            FAIL: test_module_level <function test_module_level at 0x31730>
            ----------------------------------------------------------------------
            Traceback (most recent call last):
              File "unittest/__init__.py", line 399, in run_one
              File "<stdin>", line 9, in test_module_level
            AssertionError: module level

            ----------------------------------------------------------------------
            Ran 2 tests

            FAILED (failures=2, errors=0)
            """;

    private static UnittestSummary parse(String output) {
        return UnittestSummary.parse(b(output)).orElseThrow();
    }

    @Test
    void readsTheFailedSummary() {
        UnittestSummary s = parse(MIXED);
        assertThat(s.ran()).isEqualTo(6);
        assertThat(s.failures()).isEqualTo(2);
        assertThat(s.errors()).isEqualTo(1);
        assertThat(s.skipped()).isZero();
        assertThat(s.passed()).isFalse();
        assertThat(s.resultLine()).isEqualTo("FAILED (failures=2, errors=1)");
        assertThat(s.extraInfo()).isEqualTo("(unittest: 6 ran, 2 failures, 1 errors)");
        assertThat(s.testcaseCount()).isEqualTo(6);
    }

    @Test
    void readsOkWithSkips() {
        UnittestSummary s = parse(SKIPPED_OK);
        assertThat(s.passed()).isTrue();
        assertThat(s.ran()).isEqualTo(2);
        assertThat(s.skipped()).isEqualTo(1);
        assertThat(s.extraInfo()).isEqualTo("(unittest: 2 ran, 1 skipped)");
        assertThat(s.testcaseCount()).isEqualTo(1);
    }

    @Test
    void readsPlainOk() {
        UnittestSummary s = parse(RUN_TEST);
        assertThat(s.passed()).isTrue();
        assertThat(s.extraInfo()).isEqualTo("(unittest: 1 ran)");
        assertThat(s.testcaseCount()).isEqualTo(1);
    }

    @Test
    void skippedZeroIsStillReportedAsUpstreamDoes() {
        UnittestSummary s = parse("x ... ok\n" + "-".repeat(70) + "\nRan 3 tests\n\nOK (skipped=0)\n");
        assertThat(s.extraInfo()).isEqualTo("(unittest: 3 ran, 0 skipped)");
        assertThat(s.testcaseCount()).isEqualTo(3);
    }

    @Test
    void needsTheExactShapeAtTheVeryEnd() {
        String dashes = "-".repeat(70);
        // exactly four lines is not enough (upstream wants more than four)
        assertThat(UnittestSummary.parse(b(dashes + "\nRan 1 tests\n\nOK\n"))).isEmpty();
        assertThat(UnittestSummary.parse(b("x\n" + dashes + "\nRan 1 tests\n\nOK\n"))).isPresent();
        // 69 dashes, missing blank line, other words, trailing text
        assertThat(UnittestSummary.parse(b("x\n" + "-".repeat(69) + "\nRan 1 tests\n\nOK\n"))).isEmpty();
        assertThat(UnittestSummary.parse(b("x\ny\n" + dashes + "\nRan 1 tests\nOK\n"))).isEmpty();
        assertThat(UnittestSummary.parse(b("x\n" + dashes + "\nRan 1 test\n\nOK\n"))).isEmpty();
        assertThat(UnittestSummary.parse(b("x\n" + dashes + "\nRan 1 tests\n\nOK then\n"))).isEmpty();
        assertThat(UnittestSummary.parse(b("x\n" + dashes + "\nRan 1 tests\n\nFAILED (failures=1)\n"))).isEmpty();
        assertThat(UnittestSummary.parse(b(SKIPPED_OK + "after\n"))).isEmpty();
        // a trailing newline or none makes no difference (splitlines)
        assertThat(UnittestSummary.parse(b("x\n" + dashes + "\nRan 1 tests\n\nOK"))).isPresent();
    }

    @Test
    void linesSplitOnCarriageReturnsToo() {
        // Python's bytes.splitlines() also breaks at a lone \r
        String dashes = "-".repeat(70);
        assertThat(UnittestSummary.parse(b("x\r" + dashes + "\rRan 2 tests\r\rOK\r"))).isPresent();
    }

    @Test
    void casesCarryStatusAndTraceback() {
        List<UnittestCase> cases = parse(MIXED).cases();
        assertThat(cases).extracting(UnittestCase::id).containsExactly(
                "TestY.test_a", "TestY.test_fail", "TestY.test_err", "TestY.test_skip", "TestZ.test_b", "TestZ.test_sub");
        assertThat(cases).extracting(UnittestCase::status).containsExactly(
                Status.PASS, Status.FAIL, Status.ERROR, Status.SKIPPED, Status.PASS, Status.FAIL);
        assertThat(cases.get(0).suite()).isEqualTo("__main__.TestY");
        assertThat(cases.get(1).detail()).isEqualTo("""
                Traceback (most recent call last):
                  File "unittest/__init__.py", line 399, in run_one
                  File "<stdin>", line 7, in test_fail
                  File "unittest/__init__.py", line 97, in assertEqual
                AssertionError: 1 vs (expected) 2""");
        assertThat(cases.get(2).detail()).endsWith("ValueError: boom");
        assertThat(cases.get(3).detail()).isEqualTo("not now");
        assertThat(cases.get(5).detail()).startsWith("subTest (i=1)\nTraceback").endsWith("AssertionError: 1 vs (expected) 0");
        assertThat(cases.get(0).detail()).isEmpty();
        assertThat(cases).allSatisfy(c -> assertThat(c.output()).isEmpty());
    }

    @Test
    void casesKeepWhatTheyPrinted() {
        List<UnittestCase> cases = parse(PRINTING).cases();
        assertThat(cases).extracting(UnittestCase::id).containsExactly(
                "__main__.test_func", "TestP.test_print", "TestP.test_subskip", "TestP.test_two_sub",
                "TestP.test_err_multiline");
        assertThat(cases).extracting(UnittestCase::status).containsExactly(
                Status.PASS, Status.PASS, Status.PASS, Status.FAIL, Status.ERROR);
        assertThat(cases.get(0).output()).isEqualTo("in func");
        assertThat(cases.get(1).output()).isEqualTo("setup\nhello\nworld");
        assertThat(cases.get(2).detail()).isEqualTo("subTest skipped: subskip");
        assertThat(cases.get(2).output()).isEqualTo("setup");
        assertThat(cases.get(3).detail()).contains("subTest (i=1)", "AssertionError: bad 1", "subTest (i=2)",
                "AssertionError: bad 2");
        assertThat(cases.get(4).detail()).endsWith("ValueError: line1\nline2");
    }

    @Test
    void runTestCasesGetAStableName() {
        UnittestCase c = parse(RUN_TEST).cases().get(0);
        assertThat(c.methodName()).isEqualTo("runTest");
        assertThat(c.id()).isEqualTo("T.runTest");
    }

    @Test
    void statusAfterUnterminatedOutputAndFunctionSections() {
        List<UnittestCase> cases = parse(PARTIAL_AND_FUNCTION).cases();
        assertThat(cases.get(0).status()).isEqualTo(Status.FAIL);
        assertThat(cases.get(0).output()).isEqualTo("partial");
        assertThat(cases.get(0).detail()).endsWith("AssertionError: Expected False to be True");
        assertThat(cases.get(1).id()).isEqualTo("__main__.test_module_level");
        assertThat(cases.get(1).detail()).endsWith("AssertionError: module level");
    }

    @Test
    void casesOfARunThatDiedPartWay() {
        List<UnittestCase> cases = UnittestSummary.casesWithoutSummary(b("""
                test_a (__main__.T) ... ok
                test_b (__main__.T) ...doing things
                """));
        assertThat(cases).extracting(UnittestCase::status).containsExactly(Status.PASS, Status.ERROR);
        assertThat(cases.get(1).detail()).contains("output ended");
        assertThat(cases.get(1).output()).isEqualTo("doing things");
    }

    @Test
    void detectsAMissingUnittestModule() {
        String missing = "Traceback (most recent call last):\n  File \"<stdin>\", line 1, in <module>\n"
                + "ImportError: no module named 'unittest'\n";
        assertThat(UnittestSummary.missingUnittest(b(missing))).isTrue();
        assertThat(UnittestSummary.missingUnittest(b(missing + "a\nb\n"))).isTrue();
        assertThat(UnittestSummary.missingUnittest(b(missing + "a\nb\nc\n"))).isFalse();
        assertThat(UnittestSummary.missingUnittest(b("ImportError: no module named 'unittest' \n"))).isFalse();
        assertThat(UnittestSummary.missingUnittest(b(""))).isFalse();
    }

    @Test
    void failedCasesCarryEveryAnnouncedFailureWhenEachSectionNamesOne() {
        UnittestSummary s = parse(MIXED);
        assertThat(s.failuresOutsideCases()).isZero();
        assertThat(s.casesCarryFailures()).isTrue();
        assertThat(parse(SKIPPED_OK).casesCarryFailures()).as("nothing failed").isFalse();
    }

    @Test
    void aFailureNoCaseClaimsIsTheFilesOwn() {
        // A section for a case that passed (e.g. a failing tearDown after the case printed ok).
        UnittestSummary claimedByNone = parse("""
                test_a (__main__.T) ... ok

                ======================================================================
                FAIL: test_a <class 'T'>
                ----------------------------------------------------------------------
                Traceback (most recent call last):
                ValueError: in tearDown

                ----------------------------------------------------------------------
                Ran 1 tests

                FAILED (failures=0, errors=1)
                """);
        assertThat(claimedByNone.failuresOutsideCases()).isEqualTo(1);
        assertThat(claimedByNone.casesCarryFailures()).isFalse();
        // Announced but never printed: the failed case cannot show all of it.
        UnittestSummary missingSection = parse("test_a (__main__.T) ... FAIL\n" + "-".repeat(70)
                + "\nRan 1 tests\n\nFAILED (failures=2, errors=0)\n");
        assertThat(missingSection.failuresOutsideCases()).isEqualTo(2);
        assertThat(missingSection.casesCarryFailures()).isFalse();
    }
}
