package dev.mpunit.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.mpunit.server.TestDatabases;

class DatabaseTest {

    @TempDir
    Path folder;

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void opensWithTheSchemaOfEveryMigration(TestDatabases kind) throws Exception {
        try (TestDatabases.Opened opened = kind.open(folder);
                Connection connection = opened.database().connection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM runs")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getLong(1)).isZero();
        }
    }

    @Test
    void theEmbeddedDatabaseIsOneFileUnderTheDataFolderAndOpensAgain() throws Exception {
        Path data = folder.resolve("data");
        Database.open(Database.EMBEDDED, data, null, null).close();
        assertThat(data.resolve("mpunit.mv.db")).isRegularFile();
        if (data.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(java.nio.file.Files.getPosixFilePermissions(data)))
                    .as("a new data folder is its owner's only").isEqualTo("rwx------");
        }
        try (Database again = Database.open(Database.EMBEDDED, data, null, null)) {
            assertThat(again.embedded()).isTrue();
        }
    }

    @Test
    void anUnknownDatabaseIsRefusedNamingWhatToGiveWithoutItsPassword() {
        assertThatThrownBy(() -> Database.open("mysql://db/x?password=hunter2", folder, null, null))
                .hasMessageContaining("give h2").hasMessageNotContaining("hunter2");
    }
}
