package dev.mpunit.engine.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KnownFlakyTest {

    @Test
    void flakyTestsOnAllHosts() {
        assertThat(KnownFlaky.reason("thread/thread_gc1.py", "linux")).contains("flaky: GC race condition");
        assertThat(KnownFlaky.reason("extmod/time_time_ns.py", "win32")).contains("flaky: CI runner clock precision");
        assertThat(KnownFlaky.reason("cmdline/repl_lock.py", "darwin")).contains("flaky: REPL timing under QEMU");
    }

    @Test
    void hostSpecificEntries() {
        assertThat(KnownFlaky.reason("thread/stress_heap.py", "darwin")).contains("flaky: flaky on macOS");
        assertThat(KnownFlaky.reason("thread/stress_heap.py", "linux")).isEmpty();
        assertThat(KnownFlaky.reason("cmdline/repl_cont.py", "darwin")).contains("flaky: REPL escaping on macOS");
    }

    @Test
    void othersAreNotFlaky() {
        assertThat(KnownFlaky.reason("basics/list1.py", "linux")).isEmpty();
        assertThat(KnownFlaky.FLAKY_REASON_PREFIX).isEqualTo("flaky");
    }

    @Test
    void hostPlatformNames() {
        assertThat(HostPlatform.fromOsName("Linux")).isEqualTo("linux");
        assertThat(HostPlatform.fromOsName("Mac OS X")).isEqualTo("darwin");
        assertThat(HostPlatform.fromOsName("Windows 11")).isEqualTo("win32");
        assertThat(HostPlatform.fromOsName("FreeBSD")).isEqualTo("freebsd");
        assertThat(HostPlatform.current()).isNotBlank();
    }
}
