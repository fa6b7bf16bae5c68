package dev.mpunit.examples;

import org.junit.platform.suite.api.ConfigurationParameter;
import org.junit.platform.suite.api.IncludeEngines;
import org.junit.platform.suite.api.SelectDirectories;
import org.junit.platform.suite.api.Suite;

import dev.mpunit.engine.ConfigurationKeys;

/**
 * Runs every MicroPython test file under {@code examples/tests} with the
 * {@code micropython} engine. With no testbed inventory configured the engine
 * uses its embedded webassembly MicroPython, so {@code mvn test} needs only
 * Java and Node.js.
 *
 * <p>Paths are relative to the module directory, Surefire's working directory.
 * {@code micropython.root} names the test tree's root so that test ids
 * ({@code basics/list_ops.py}) are relative to it and re-running a single test
 * by its unique id (from an IDE or a Surefire rerun) finds the file again.
 */
@Suite
@IncludeEngines("micropython")
@SelectDirectories("tests")
@ConfigurationParameter(key = ConfigurationKeys.ROOT, value = "tests")
class MicroPythonTestsSuite {
}
