package dev.mpunit.hardware.board;

/**
 * What every board made here has whatever it runs on: the text it is known by in messages and
 * reports, and its traits, both fixed when it is made.
 */
abstract class NamedBoard implements Board {

    private final String port;
    private final BoardTraits traits;

    NamedBoard(String port, BoardTraits traits) {
        this.port = port;
        this.traits = traits;
    }

    @Override
    public final String port() {
        return port;
    }

    @Override
    public final BoardTraits traits() {
        return traits;
    }

    @Override
    public String toString() {
        return port;
    }
}
