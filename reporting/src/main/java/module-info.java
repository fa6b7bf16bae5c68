/**
 * mpunit's reporting listeners: the testbed's results folder and summary report, and the Allure
 * enrichment. They are found by the JUnit Platform launcher (and Allure) through their service
 * files and read only what the engine publishes under the contract ({@code dev.mpunit.contract}):
 * they never see engine classes. Nothing here is called by users directly.
 */
module dev.mpunit.reporting {
    requires dev.mpunit.contract;
    requires org.junit.platform.launcher;
    // The results server push (ResultsUploader): the JDK's HTTP client, no library.
    requires java.net.http;
    // Allure is optional: its enrichment is used only where Allure's own listener runs.
    requires static io.qameta.allure.commons;
    requires static io.qameta.allure.model;

    provides org.junit.platform.launcher.TestExecutionListener with
            dev.mpunit.reporting.ResultsFolderListener,
            dev.mpunit.reporting.AllureEntriesListener,
            dev.mpunit.reporting.RunTestsConsoleListener,
            dev.mpunit.reporting.ListConsoleListener;
    provides io.qameta.allure.listener.TestLifecycleListener with dev.mpunit.reporting.AllureResultEnricher;
}
