package dev.mpunit.hardware.testbed;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Reads an inventory file's text, turning each way that can fail into a message that says what to do. */
final class InventoryFile {

    private InventoryFile() {
    }

    static String read(Path file) throws InventoryException {
        Path absolute = file.toAbsolutePath().normalize();
        if (Files.isDirectory(absolute)) {
            throw new InventoryException("testbed inventory " + file + " is a folder, not a file: give the path of"
                    + " the inventory's JSON file" + jsonFilesIn(absolute));
        }
        if (!Files.exists(absolute)) {
            throw new InventoryException("testbed inventory " + file + " does not exist (looked for " + absolute
                    + "): check the path; a relative path starts from the working directory "
                    + Path.of("").toAbsolutePath() + nearbyJsonFiles(absolute));
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(absolute);
        } catch (AccessDeniedException e) {
            throw new InventoryException("testbed inventory " + file + " cannot be read (permission denied):"
                    + " make it readable for user " + System.getProperty("user.name"), e);
        } catch (IOException e) {
            throw new InventoryException("testbed inventory " + file + " cannot be read (" + e + "):"
                    + " check that it is a regular file this user can read", e);
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
            // Some editors start UTF-8 files with a byte order mark; it is no part of the JSON.
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw new InventoryException("testbed inventory " + file + " is not UTF-8 text (" + e.getMessage()
                    + "): save it as UTF-8", e);
        }
    }

    private static String nearbyJsonFiles(Path absolute) {
        Path folder = absolute.getParent();
        if (folder == null || !Files.isDirectory(folder)) {
            return "";
        }
        List<String> names = jsonFileNames(folder);
        return names.isEmpty() ? "" : " (JSON files in " + folder + ": " + String.join(", ", names) + ")";
    }

    private static String jsonFilesIn(Path folder) {
        List<String> names = jsonFileNames(folder);
        return names.isEmpty() ? " (the folder holds no .json file)" : " (found there: " + String.join(", ", names) + ")";
    }

    private static List<String> jsonFileNames(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(path -> path.getFileName().toString())
                    .filter(name -> name.endsWith(".json"))
                    .sorted()
                    .limit(10)
                    .toList();
        } catch (IOException | SecurityException e) {
            // Only a hint for the message; without it the message still says what is wrong.
            return List.of();
        }
    }
}
