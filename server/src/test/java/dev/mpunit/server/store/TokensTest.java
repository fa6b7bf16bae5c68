package dev.mpunit.server.store;

import static dev.mpunit.server.store.RunWriterTest.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.mpunit.server.TestDatabases;

class TokensTest {

    @TempDir
    Path folder;

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void aPushTokenIsShownOnceKeptOnlyAsItsHashAndNamesItsTestbed(TestDatabases kind) throws Exception {
        try (TestDatabases.Opened opened = kind.open(folder)) {
            Tokens tokens = new Tokens(opened.database());
            Tokens.Created created = tokens.createPush("bed-a", "lab bench");

            assertThat(created.token()).startsWith("mpt_").hasSize(4 + 43).matches("mpt_[A-Za-z0-9_-]{43}");
            assertThat(created.toString()).doesNotContain(created.token());
            assertThat(rows(opened, "SELECT token_hash, token_hint, kind FROM tokens"))
                    .containsExactly(List.of(Tokens.hash(created.token()), created.token().substring(0, 10), "push"));
            assertThat(rows(opened, "SELECT name FROM testbeds")).containsExactly(List.of("bed-a"));
            assertThat(tokens.verify(created.token())).contains(new Tokens.Holder(created.id(), Tokens.Kind.PUSH, "bed-a"));
            assertThat(tokens.verify(created.token() + "x")).isEmpty();
            assertThat(tokens.verify("Bearer " + created.token())).isEmpty();
            assertThat(tokens.list()).singleElement().satisfies(listed -> {
                assertThat(listed.testbed()).isEqualTo("bed-a");
                assertThat(listed.label()).isEqualTo("lab bench");
                assertThat(listed.lastUsedAt()).as("verified once").isNotNull();
                assertThat(listed.revokedAt()).isNull();
            });
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void aRevokedTokenNoLongerVerifiesWhetherRevokedByIdHintOrItself(TestDatabases kind) throws Exception {
        try (TestDatabases.Opened opened = kind.open(folder)) {
            Tokens tokens = new Tokens(opened.database());
            Tokens.Created byId = tokens.createPush("bed-a", null);
            Tokens.Created byHint = tokens.createPush("bed-a", null);
            Tokens.Created byItself = tokens.createRead("reader");
            Tokens.Created kept = tokens.createPush("bed-b", null);

            tokens.revoke(String.valueOf(byId.id()));
            tokens.revoke(byHint.hint());
            assertThat(tokens.revoke(byItself.token()).revokedAt()).isNotNull();

            assertThat(tokens.verify(byId.token())).isEmpty();
            assertThat(tokens.verify(byHint.token())).isEmpty();
            assertThat(tokens.verify(byItself.token())).isEmpty();
            assertThat(tokens.verify(kept.token())).map(Tokens.Holder::kind).contains(Tokens.Kind.PUSH);
            assertThat(rows(opened, "SELECT COUNT(*) FROM testbeds")).as("both testbeds stay").containsExactly(List.of("2"));
            assertThatThrownBy(() -> tokens.revoke("mpt_nope")).hasMessageContaining("no token 'mpt_nope'")
                    .hasMessageContaining("token list");
            assertThatThrownBy(() -> tokens.revoke("mpt_NotAnyonesButASecretAllTheSame"))
                    .as("what may be a token is not repeated whole").hasMessageContaining("no token 'mpt_NotAny…'");
            assertThatThrownBy(() -> tokens.revoke("mpt_")).hasMessageContaining("no token");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void aReadTokenHasNoTestbed(TestDatabases kind) throws Exception {
        try (TestDatabases.Opened opened = kind.open(folder)) {
            Tokens tokens = new Tokens(opened.database());
            Tokens.Created read = tokens.createRead(null);
            assertThat(tokens.verify(read.token())).contains(new Tokens.Holder(read.id(), Tokens.Kind.READ, null));
            assertThat(rows(opened, "SELECT COUNT(*) FROM testbeds")).containsExactly(List.of("0"));
        }
    }
}
