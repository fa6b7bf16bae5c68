package dev.mpunit.reporting;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code tentacles.json}: each tentacle's record of actions as the engine published it on the run,
 * split into its parts for a reader of the folder ({@link TentacleRecord}).
 */
final class TentacleLives {

    private TentacleLives() {
    }

    /** {@code {"tentacles": [{"tentacle": …, "actions": [{"time", "action", "detail"}, …]}, …]}}. */
    static Map<String, Object> json(Map<String, String> lives) {
        List<Object> tentacles = new ArrayList<>();
        lives.forEach((tentacle, text) -> tentacles.add(TentacleRecord.parse(tentacle, text).toJson()));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("tentacles", tentacles);
        return json;
    }
}
