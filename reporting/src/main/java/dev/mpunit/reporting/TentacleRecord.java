package dev.mpunit.reporting;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One tentacle's record of actions as the engine published it on the run
 * ({@code micropython.tentacle-life}, one {@code <instant> <action>: <detail>} per line), split into
 * its steps: what {@code tentacles.json} lists and what the console and the summary tell from.
 */
record TentacleRecord(String tentacle, List<Step> steps) {

    TentacleRecord {
        steps = List.copyOf(steps);
    }

    /** {@code time} an ISO instant, {@code action} the engine's word ({@code power cycle}), {@code detail} the rest. */
    record Step(String time, String action, String detail) {
    }

    static TentacleRecord parse(String tentacle, String text) {
        List<Step> steps = new ArrayList<>();
        for (String line : text.split("\n")) {
            int space = line.indexOf(' ');
            int colon = space < 0 ? -1 : line.indexOf(": ", space);
            // The engine writes every line so; a line that is not is kept whole, as its detail.
            steps.add(colon < 0 ? new Step("", "", line)
                    : new Step(line.substring(0, space), line.substring(space + 1, colon), line.substring(colon + 2)));
        }
        return new TentacleRecord(tentacle, steps);
    }

    /** {@code {"tentacle": …, "actions": [{"time", "action", "detail"}, …]}}, as {@code tentacles.json} lists it. */
    Map<String, Object> toJson() {
        List<Object> actions = new ArrayList<>();
        for (Step step : steps) {
            Map<String, Object> action = new LinkedHashMap<>();
            action.put("time", step.time());
            action.put("action", step.action());
            action.put("detail", step.detail());
            actions.add(action);
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("tentacle", tentacle);
        json.put("actions", actions);
        return json;
    }

    /** The inverse of {@link #toJson()}; a cast fails on another shape. */
    static TentacleRecord fromJson(Object json) {
        Map<?, ?> object = (Map<?, ?>) json;
        List<Step> steps = new ArrayList<>();
        for (Object element : (List<?>) object.get("actions")) {
            Map<?, ?> action = (Map<?, ?>) element;
            steps.add(new Step((String) action.get("time"), (String) action.get("action"), (String) action.get("detail")));
        }
        return new TentacleRecord((String) object.get("tentacle"), steps);
    }
}
