package dev.mpunit.server.ingest;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;
import tools.jackson.databind.json.JsonMapper;

/**
 * What an mpunit results folder says about the testbed itself rather than its tests: each tentacle's
 * record of actions ({@code tentacles.json}) and the USB health the engine saw in the kernel log
 * ({@code context.json}'s {@code usb_health}); docs/results-folder.md. Stored with the run, shown on its page.
 *
 * @param tentacles empty when the folder has no {@code tentacles.json} (local targets, emulators, other formats)
 * @param usbHealth null when the run did not watch the kernel log
 */
public record TestbedRecords(List<TentacleLife> tentacles, UsbHealth usbHealth) {

    public static final TestbedRecords NONE = new TestbedRecords(List.of(), null);
    static final String TENTACLES = "tentacles.json";
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    public TestbedRecords {
        tentacles = List.copyOf(tentacles);
    }

    /**
     * A tentacle's steps in order, as the engine recorded them.
     *
     * @param leftOut how many of its last steps the store left out to keep within its column (the run's
     *        {@code tentacles.json} has them all); 0 almost always
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record TentacleLife(String tentacle, List<Action> actions, int leftOut) {

        public TentacleLife {
            actions = List.copyOf(actions);
        }
    }

    /** One step: {@code time} an ISO instant, {@code action} the engine's word ({@code power cycle}), {@code detail}. */
    public record Action(String time, String action, String detail) {
    }

    /**
     * {@code state}: {@code ok}, {@code warning}, {@code critical} or {@code unwatched}; {@code reason} null for ok;
     * {@code leftOut} how many of the last messages the store left out to keep within its column.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record UsbHealth(String state, String reason, List<UsbMessage> messages, int leftOut) {

        public UsbHealth {
            messages = List.copyOf(messages);
        }
    }

    /** A kernel message; {@code location} null for a host controller, {@code time} as the log wrote it. */
    public record UsbMessage(String severity, String time, String location, String message) {
    }

    /** The folder's {@code tentacles.json} and {@code context.json}'s {@code usb_health}, each when present. */
    static TestbedRecords read(UploadFolder files, JsonFile context) throws UploadRejected {
        List<TentacleLife> tentacles = new ArrayList<>();
        if (files.file(TENTACLES).isPresent()) {
            JsonFile file = JsonFile.parse(TENTACLES, files.file(TENTACLES).get());
            for (JsonNode tentacle : file.objects(file.object(), "tentacles")) {
                List<Action> actions = new ArrayList<>();
                for (JsonNode action : file.objects(tentacle, "actions")) {
                    actions.add(new Action(orEmpty(file.text(action, "time")), file.requiredText(action, "action"),
                            orEmpty(file.text(action, "detail"))));
                }
                tentacles.add(new TentacleLife(file.requiredText(tentacle, "tentacle"), actions, 0));
            }
        }
        UsbHealth usbHealth = null;
        JsonNode health = context.object().get("usb_health");
        if (health != null && !health.isNull()) {
            if (!health.isObject()) {
                throw context.wrongType("usb_health", health, "an object or null");
            }
            List<UsbMessage> messages = new ArrayList<>();
            for (JsonNode message : context.objects(health, "messages", "usb_health.messages")) {
                messages.add(new UsbMessage(context.requiredText(message, "severity"), context.text(message, "time"),
                        context.text(message, "location"), orEmpty(context.text(message, "message"))));
            }
            usbHealth = new UsbHealth(context.requiredText(health, "state"), context.text(health, "reason"), messages, 0);
        }
        return new TestbedRecords(tentacles, usbHealth);
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }

    /** {@link #tentacles} as the store keeps it: JSON text, null when there are none. */
    public String tentaclesJson() {
        return tentacles.isEmpty() ? null : MAPPER.writeValueAsString(tentacles);
    }

    /** {@link #usbHealth} as the store keeps it: JSON text, null when the run did not watch. */
    public String usbHealthJson() {
        return usbHealth == null ? null : MAPPER.writeValueAsString(usbHealth);
    }

    /** What the store kept, read back. */
    public static TestbedRecords fromJson(String tentacles, String usbHealth) {
        return new TestbedRecords(tentacles == null ? List.of()
                : MAPPER.readValue(tentacles, new TypeReference<List<TentacleLife>>() { }),
                usbHealth == null ? null : MAPPER.readValue(usbHealth, UsbHealth.class));
    }

    /**
     * These records cut to what the store's columns hold ({@code limit} characters of JSON each): each
     * detail and message cut to {@code textLimit}, and when that is still too long, each tentacle's (or the
     * kernel's) last entries left out and counted, fewer kept each time until it fits. A testbed whose hub
     * flapped all night logs thousands of messages; the run's files keep them all.
     */
    TestbedRecords fitting(int limit, int textLimit) {
        List<TentacleLife> lives = new ArrayList<>();
        int most = 0;
        for (TentacleLife life : tentacles) {
            List<Action> actions = new ArrayList<>();
            life.actions().forEach(a -> actions.add(new Action(a.time(), a.action(), FieldLengths.cut(a.detail(), textLimit))));
            lives.add(new TentacleLife(life.tentacle(), actions, life.leftOut()));
            most = Math.max(most, actions.size());
        }
        List<TentacleLife> kept = lives;
        for (int keep = most; new TestbedRecords(kept, null).tentaclesJsonLength() > limit && keep > 0; ) {
            keep /= 2;
            kept = new ArrayList<>();
            for (TentacleLife life : lives) {
                kept.add(life.actions().size() <= keep ? life : new TentacleLife(life.tentacle(),
                        life.actions().subList(0, keep), life.leftOut() + life.actions().size() - keep));
            }
        }
        UsbHealth health = usbHealth;
        if (health != null) {
            List<UsbMessage> messages = new ArrayList<>();
            health.messages().forEach(m -> messages.add(new UsbMessage(m.severity(), m.time(), m.location(),
                    FieldLengths.cut(m.message(), textLimit))));
            health = new UsbHealth(health.state(), FieldLengths.cut(health.reason(), textLimit), messages, health.leftOut());
            while (MAPPER.writeValueAsString(health).length() > limit && !health.messages().isEmpty()) {
                int keep = health.messages().size() / 2;
                health = new UsbHealth(health.state(), health.reason(), health.messages().subList(0, keep),
                        health.leftOut() + health.messages().size() - keep);
            }
        }
        return new TestbedRecords(kept, health);
    }

    private int tentaclesJsonLength() {
        String json = tentaclesJson();
        return json == null ? 0 : json.length();
    }
}
