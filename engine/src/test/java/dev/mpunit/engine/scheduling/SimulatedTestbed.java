package dev.mpunit.engine.scheduling;


import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * A testbed shaped like upstream's {@code ch_hans_1} (20 tentacles: redundant boards, boards with 2
 * and 4 build variants, WLAN/BLE boards and two reference tentacles), with the test groups upstream
 * runs and per-file durations drawn from a seeded distribution: mostly a second or less, a long
 * tail, a few files of minutes. What the bartender is told to expect is the real duration with
 * noise, as a previous run's durations would be.
 */
record SimulatedTestbed(List<Tentacle> tentacles, Map<Tentacle, Long> flashMillis, List<Piece<SimulatedFile>> pieces) {

    /** One test file of one test run (a two-board file once per direction), with how long it really takes. */
    record SimulatedFile(String name, long actualMillis) {
    }

    private record Board(String name, List<String> buildVariants, Set<String> futs, int count, double speed,
            long flashSeconds, boolean reference) {
    }

    static final String MCU = "MCU_ONLY";
    static final String EXTMOD = "EXTMOD_HARDWARE";
    static final String WLAN = "WLAN";
    static final String BLE = "BLE";

    private static final List<Board> CH_HANS_1 = List.of(
            new Board("RPI_PICO", List.of(""), Set.of(MCU, EXTMOD), 2, 1.0, 8, false),
            new Board("RPI_PICO_W", List.of(""), Set.of(MCU, EXTMOD, WLAN, BLE), 2, 1.0, 8, true),
            new Board("RPI_PICO2", List.of("", "RISCV"), Set.of(MCU, EXTMOD), 2, 0.8, 8, false),
            new Board("RPI_PICO2_W", List.of("", "RISCV"), Set.of(MCU, EXTMOD, WLAN, BLE), 1, 0.8, 8, false),
            new Board("ESP32_GENERIC", List.of("", "SPIRAM"), Set.of(MCU, EXTMOD, WLAN, BLE), 2, 1.3, 40, false),
            new Board("ESP32_GENERIC_S3", List.of("SPIRAM_OCT"), Set.of(MCU, EXTMOD, WLAN, BLE), 1, 1.1, 40, false),
            new Board("ESP32_GENERIC_C3", List.of(""), Set.of(MCU, EXTMOD, WLAN, BLE), 1, 1.3, 35, false),
            new Board("LOLIN_D1_MINI", List.of(""), Set.of(MCU, EXTMOD, WLAN), 1, 2.0, 30, false),
            new Board("PYBV11", List.of("", "DP", "THREAD", "DP_THREAD"), Set.of(MCU, EXTMOD), 2, 1.1, 25, false),
            new Board("TEENSY40", List.of(""), Set.of(MCU), 1, 0.6, 10, false),
            new Board("ARDUINO_NANO_33_BLE_SENSE", List.of(""), Set.of(MCU, BLE), 1, 1.2, 15, false),
            new Board("NUCLEO_WB55", List.of(""), Set.of(MCU, EXTMOD, BLE), 1, 1.2, 20, false),
            new Board("SEEED_XIAO_SAMD21", List.of(""), Set.of(MCU), 1, 1.8, 10, false),
            new Board("ADAFRUIT_ITSYBITSY_M4_EXPRESS", List.of(""), Set.of(MCU, EXTMOD), 1, 1.0, 10, false),
            new Board("ARDUINO_NANO_ESP32", List.of(""), Set.of(MCU, WLAN, BLE), 1, 1.1, 40, false));
    // 2 + 2 + 2 + 1 + 2 + 1 + 1 + 1 + 2 + 1 + 1 + 1 + 1 + 1 = 20 tentacles

    /**
     * Upstream's groups: label, priority (upstream gives every test group the same), needs (perfbench
     * asks for the loopback wiring upstream), files, shortest and longest typical file, two-board.
     */
    private record Group(String label, int priority, Set<String> needs, int files, double minSeconds,
            double maxSeconds, boolean pair) {
    }

    /**
     * Each group's files fit upstream's budget for the group (TestGroup's timeouts without the flash
     * allowance): extmod_hardware within 30 s, the network groups within a minute, perfbench within
     * four, a two-board group both ways round within four.
     */
    private static final List<Group> GROUPS = List.of(
            new Group("RUN-TESTS_STANDARD", 0, Set.of(MCU), 880, 0, 0, false),
            new Group("RUN-TESTS_EXTMOD_HARDWARE", 0, Set.of(EXTMOD), 8, 1, 4, false),
            new Group("RUN-TESTS_NET_HOSTED", 0, Set.of(WLAN), 6, 1, 5, false),
            new Group("RUN-TESTS_NET_INET", 0, Set.of(WLAN), 8, 1, 8, false),
            new Group("RUN-PERFBENCH", 0, Set.of(EXTMOD), 30, 3, 10, false),
            new Group("RUN-MULTITESTS_MULTINET", 0, Set.of(WLAN), 12, 2, 8, true),
            new Group("RUN-MULTITESTS_MULTIBLUETOOTH", 0, Set.of(BLE), 16, 3, 10, true));

    static SimulatedTestbed chHans1(long seed) {
        Random random = new Random(seed);
        List<Tentacle> tentacles = new ArrayList<>();
        Map<Tentacle, Long> flash = new LinkedHashMap<>();
        List<Piece<SimulatedFile>> pieces = new ArrayList<>();
        int serial = 0x2700;
        for (Board board : CH_HANS_1) {
            List<String> variants = board.buildVariants().stream()
                    .map(buildVariant -> buildVariant.isEmpty() ? board.name() : board.name() + "-" + buildVariant)
                    .toList();
            for (int i = 0; i < board.count(); i++) {
                Tentacle tentacle = new Tentacle(Integer.toHexString(serial++) + "-" + board.name(), variants,
                        board.futs(), board.reference());
                tentacles.add(tentacle);
                flash.put(tentacle, board.flashSeconds() * 1000);
            }
            for (String variant : variants) {
                for (Group group : GROUPS) {
                    if (board.futs().containsAll(group.needs())) {
                        addFiles(pieces, random, group, variant, board.speed());
                    }
                }
            }
        }
        return new SimulatedTestbed(List.copyOf(tentacles), flash, List.copyOf(pieces));
    }

    private static void addFiles(List<Piece<SimulatedFile>> pieces, Random random, Group group, String variant,
            double speed) {
        TestRun run = new TestRun(group.label(), group.priority(), variant, group.needs(), group.pair());
        for (int i = 0; i < group.files(); i++) {
            double seconds = group.maxSeconds() == 0 ? standardSeconds(random)
                    : group.minSeconds() + random.nextDouble() * (group.maxSeconds() - group.minSeconds());
            long actual = Math.max(20, Math.round(seconds * speed * 1000));
            for (int direction = 0; direction < (group.pair() ? 2 : 1); direction++) {
                // The previous run's duration: the same file, a little faster or slower that time.
                long expected = Math.max(1, Math.round(actual * Math.exp(0.2 * random.nextGaussian())));
                pieces.add(new Piece<>(new SimulatedFile(String.format("%s/%s/%03d.%d", group.label(), variant, i,
                        direction), actual), run, expected));
            }
        }
    }

    /**
     * run-tests.py files on a board: median ~0.4 s, a long tail, about 0.5 % (stress, thread) of half a
     * minute to three minutes: some 12–15 minutes per board, as upstream's campaigns report.
     */
    private static double standardSeconds(Random random) {
        if (random.nextDouble() < 0.005) {
            return 30 + random.nextDouble() * 150;
        }
        return Math.min(30, 0.4 * Math.exp(random.nextGaussian()));
    }

    /**
     * A testbed of the given size for measuring the cost of one decision: boards of 1 to 2 variants,
     * each on 5 redundant tentacles, files spread evenly.
     */
    static SimulatedTestbed large(int tentacleCount, int fileCount, long seed) {
        Random random = new Random(seed);
        List<Tentacle> tentacles = new ArrayList<>();
        Map<Tentacle, Long> flash = new LinkedHashMap<>();
        List<List<String>> boards = new ArrayList<>();
        for (int i = 0; i < tentacleCount; i++) {
            int board = i / 5;
            List<String> variants = board % 2 == 0 ? List.of("BOARD" + board) : List.of("BOARD" + board, "BOARD" + board + "-V");
            if (i % 5 == 0) {
                boards.add(variants);
            }
            Tentacle tentacle = new Tentacle(String.format("%04x-BOARD%d", i, board), variants,
                    Set.of(MCU, EXTMOD), false);
            tentacles.add(tentacle);
            flash.put(tentacle, 10_000L);
        }
        List<String> allVariants = boards.stream().flatMap(List::stream).toList();
        List<Piece<SimulatedFile>> pieces = new ArrayList<>();
        for (int i = 0; i < fileCount; i++) {
            String variant = allVariants.get(i % allVariants.size());
            boolean extmod = i % 50 == 0;
            TestRun run = new TestRun(extmod ? "RUN-TESTS_EXTMOD_HARDWARE" : "RUN-TESTS_STANDARD", extmod ? 20 : 10,
                    variant, Set.of(extmod ? EXTMOD : MCU), false);
            long actual = Math.max(20, Math.round(standardSeconds(random) * 1000));
            pieces.add(new Piece<>(new SimulatedFile("f" + i, actual), run, actual));
        }
        return new SimulatedTestbed(List.copyOf(tentacles), flash, List.copyOf(pieces));
    }
}
