package dev.mpunit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;

import org.junit.jupiter.api.Test;

class PullRequestAddressTest {

    @Test
    void theCommentsOfAPullRequestAreItsIssuesOnGitHubOrAnEnterpriseServer() {
        PullRequestAddress github = PullRequestAddress.of(" micropython/micropython ", " 17042 ", null);
        PullRequestAddress enterprise = PullRequestAddress.of("lab/micropython", "7", "https://git.example.org/api/v3");

        assertThat(github.comments()).isEqualTo(URI.create("https://api.github.com/repos/micropython/micropython/issues/17042/comments"));
        assertThat(github.comment(99)).isEqualTo(URI.create("https://api.github.com/repos/micropython/micropython/issues/comments/99"));
        assertThat(enterprise.comments()).isEqualTo(URI.create("https://git.example.org/api/v3/repos/lab/micropython/issues/7/comments"));
        assertThat(github).hasToString("micropython/micropython#17042");
    }

    @Test
    void whatIsNoRepositoryNumberOrApiIsRefusedSayingWhatToGive() {
        assertThatThrownBy(() -> PullRequestAddress.of("micropython/micropython/pull/1", "1", null))
                .hasMessage("repository 'micropython/micropython/pull/1' is not owner/name: give it as GitHub writes it,"
                        + " e.g. micropython/micropython");
        assertThatThrownBy(() -> PullRequestAddress.of("lab/../x", "1", null)).hasMessageContaining("is not owner/name");
        assertThatThrownBy(() -> PullRequestAddress.of("lab/x", "0", null)).hasMessageContaining("pull request '0'");
        assertThatThrownBy(() -> PullRequestAddress.of("lab/x", "1", "api.github.com"))
                .hasMessageContaining("API address 'api.github.com' is no http or https address");
        assertThatThrownBy(() -> PullRequestAddress.of("lab/x", "1", "https://user:pw@api.github.com"))
                .hasMessageContaining("(the token goes in an environment variable)");
    }
}
