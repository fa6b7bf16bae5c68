package dev.mpunit.examples.workflows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

/** {@link Expression} answers as GitHub's expressions do, for what the workflows use, and refuses the rest. */
class WorkflowExpressionTest {

    private static final Function<String, Object> CONTEXTS = name -> switch (name) {
        case "github" -> Map.of("event_name", "pull_request", "run_id", "123", "run_attempt", "2",
                "event", Map.of("pull_request", Map.of("number", 7.0, "base", Map.of("sha", "abc"))));
        case "inputs" -> Map.of();
        case "env" -> new Expression.Strict("env variable", Map.of("TARGETS", "unix,webassembly"));
        case "steps" -> new Expression.Strict("step id", Map.of("test", Map.of("outputs", Map.of("status", "1"))));
        default -> throw new Expression.Unevaluable("the context " + name + " is not one this runner has");
    };

    private static String text(String value) {
        return Expression.interpolate(value, CONTEXTS, Expression.Status.OK);
    }

    @Test
    void valuesAreInterpolatedAsStrings() {
        assertThat(text("${{ github.run_id }}-${{ github.run_attempt }}")).isEqualTo("123-2");
        assertThat(text("#${{ github.event.pull_request.number }}")).isEqualTo("#7");
        assertThat(text("[${{ github.event.pull_request.head.sha }}]")).as("a property the payload lacks is null, shown empty").isEqualTo("[]");
        assertThat(text("${{ 'it''s' }}")).isEqualTo("it's");
    }

    @Test
    void orAndAndGiveAnOperandAsGitHubDoes() {
        assertThat(text("${{ inputs.pr || github.event.pull_request.number }}")).isEqualTo("7");
        assertThat(text("${{ inputs.targets || 'unix,webassembly' }}")).isEqualTo("unix,webassembly");
        assertThat(text("${{ github.event_name == 'pull_request' && 'yes' || 'no' }}")).isEqualTo("yes");
        assertThat(text("${{ !inputs.pr }}")).isEqualTo("true");
    }

    @Test
    void equalityIsLooseAndStringsIgnoreCase() {
        assertThat(text("${{ steps.test.outputs.status != '0' }}")).isEqualTo("true");
        assertThat(text("${{ steps.test.outputs.status == 1 }}")).as("a string and a number compare as numbers").isEqualTo("true");
        assertThat(text("${{ steps.test.outputs.folder != '' }}")).as("null and '' are both 0 to GitHub").isEqualTo("false");
        assertThat(text("${{ github.event_name == 'PULL_REQUEST' }}")).isEqualTo("true");
        assertThat(text("${{ contains(env.TARGETS, 'unix') }}")).isEqualTo("true");
        assertThat(text("${{ format('{0}-{1}', github.run_id, 'x') }}")).isEqualTo("123-x");
    }

    @Test
    void conditionsWithoutAStatusFunctionNeedSuccess() {
        Expression.Status failed = new Expression.Status(true, false);
        assertThat(Expression.condition("steps.test.outputs.status != '0'", CONTEXTS, Expression.Status.OK)).isTrue();
        assertThat(Expression.condition("steps.test.outputs.status != '0'", CONTEXTS, failed)).isFalse();
        assertThat(Expression.condition("${{ always() && steps.test.outputs.status != '0' }}", CONTEXTS, failed)).isTrue();
        assertThat(Expression.condition("failure()", CONTEXTS, failed)).isTrue();
    }

    @Test
    void whatCannotBeEvaluatedIsRefusedWithTheReason() {
        assertThatThrownBy(() -> text("${{ env.TARGET }}")).hasMessage(
                "${{ env.TARGET }}: env.TARGET: no such env variable (there are: TARGETS)");
        assertThatThrownBy(() -> text("${{ vars.LABEL }}")).hasMessage(
                "${{ vars.LABEL }}: the context vars is not one this runner has");
        assertThatThrownBy(() -> text("${{ toJSON(github) }}")).hasMessage(
                "${{ toJSON(github) }}: the function toJSON() is not one this runner evaluates");
        assertThatThrownBy(() -> text("${{ github.event_name == }}")).hasMessage(
                "${{ github.event_name == }}: an operand is missing at the end");
        assertThatThrownBy(() -> text("${{ 'open }}")).hasMessage("${{ 'open }}: a string is not closed");
        assertThatThrownBy(() -> text("${{ github.event }}")).hasMessageStartingWith(
                "${{ github.event }}: an object where a string is needed");
    }
}
