package dev.mpunit.reporting;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code tentacles.json}: each tentacle's record of actions as the engine published it on the run
 * ({@code micropython.tentacle-life}, one {@code <instant> <action>: <detail>} per line), split into
 * its parts for a reader of the folder.
 */
final class TentacleLives {

    private TentacleLives() {
    }

    /** {@code {"tentacles": [{"tentacle": …, "actions": [{"time", "action", "detail"}, …]}, …]}}. */
    static Map<String, Object> json(Map<String, String> lives) {
        List<Object> tentacles = new ArrayList<>();
        lives.forEach((tentacle, text) -> {
            List<Object> actions = new ArrayList<>();
            for (String line : text.split("\n")) {
                int space = line.indexOf(' ');
                int colon = space < 0 ? -1 : line.indexOf(": ", space);
                Map<String, Object> action = new LinkedHashMap<>();
                // The engine writes every line so; a line that is not is kept whole, as its detail.
                action.put("time", colon < 0 ? "" : line.substring(0, space));
                action.put("action", colon < 0 ? "" : line.substring(space + 1, colon));
                action.put("detail", colon < 0 ? line : line.substring(colon + 2));
                actions.add(action);
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("tentacle", tentacle);
            entry.put("actions", actions);
            tentacles.add(entry);
        });
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("tentacles", tentacles);
        return json;
    }
}
