package dev.mpunit.engine.execution;

import dev.mpunit.engine.scheduling.Assignment;
import dev.mpunit.engine.scheduling.Tentacle;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import dev.mpunit.hardware.BoardLostException;
import dev.mpunit.hardware.Execution;
import dev.mpunit.hardware.Interactive;
import dev.mpunit.hardware.Script;
import dev.mpunit.hardware.Target;
import dev.mpunit.hardware.TargetException;

/**
 * Where the two workers of a two-board piece meet. The bartender hands the piece to both: the
 * worker of the board under test runs it, the reference tentacle's worker lends it its lease (its
 * tentacle, its target opened for its reference variant, that variant's runtime) for exactly the
 * piece and takes it back after, keeping its target for its own work.
 *
 * <p>Neither side waits for ever. A reference that cannot be opened refuses at once, with why; a
 * borrower that gives up (its own board lost, the run cancelled) releases the lender whether it
 * borrowed yet or not; a cancelled run (fail-fast, an interruption) or an interrupted thread ends a
 * wait for a side that has not come. Once borrowed, the lender waits for the piece to end: the
 * borrower gives back in a {@code finally}, and the targets bound each script by its timeout.
 */
final class Loans {

    /** How often a waiting side looks at the cancellation again: it has no callback. */
    private static final long POLL_MILLIS = 200;

    private final BooleanSupplier cancelled;
    /** Per two-board piece handed out (the bartender hands both sides the same assignment). */
    private final Map<Assignment<?>, Loan> loans = new IdentityHashMap<>();
    /** Told, under the lock, each time a side starts to wait (tests synchronise on it). */
    private volatile Consumer<Tentacle> waiting = tentacle -> { };

    /** @param cancelled whether the run was cancelled: by the launcher (fail-fast) or by an interruption */
    Loans(BooleanSupplier cancelled) {
        this.cancelled = cancelled;
    }

    /** What the board's worker got for the piece. */
    sealed interface Borrowed {
    }

    /** The reference's lease, for the piece only. */
    record Lent(Lease lease) implements Borrowed {

        /** Whether a board lost during the piece was the reference's (its target threw {@code lost}). */
        boolean lostReference(BoardLostException lost) {
            return ((LentTarget) lease.target()).lost == lost;
        }
    }

    /** The reference could not be lent: its target could not be opened; the reason names it. */
    record Refused(String reason) implements Borrowed {
    }

    /** Nothing lent: the run was cancelled, or the thread interrupted, before the reference came. */
    record GaveUp() implements Borrowed {
    }

    private static final class Loan {
        private Lease lent;
        private String refusal;
        private boolean borrowed;
        /** The borrower's side has ended: gave the lease back, or will never take it. */
        private boolean returned;
        /** The lender's side has ended: what it lent is no longer to be used. */
        private boolean lenderGone;
    }

    /**
     * The reference's worker lends its lease for the piece and waits until the piece gives it back.
     *
     * @return the reference's board lost during the piece, if it was: the lender is out then
     */
    synchronized Optional<BoardLostException> lend(Assignment<?> piece, Lease lease) {
        Loan loan = loan(piece);
        LentTarget target = new LentTarget(lease.target());
        loan.lent = new Lease(lease.tentacle(), lease.port(), target, lease.variant());
        notifyAll();
        try {
            while (!loan.returned) {
                // Before the borrower took it, a cancelled run may never send it: the lender goes on.
                if (!loan.borrowed && cancelled.getAsBoolean() || !await(lease.tentacle())) {
                    break;
                }
            }
        } finally {
            loan.lenderGone = true;
            forgetWhenEnded(piece, loan);
        }
        return Optional.ofNullable(target.lost);
    }

    /** The reference's worker has nothing to lend: the piece ends with {@code reason}. */
    synchronized void refuse(Assignment<?> piece, String reason) {
        Loan loan = loan(piece);
        loan.refusal = reason;
        loan.lenderGone = true;
        notifyAll();
        forgetWhenEnded(piece, loan);
    }

    /**
     * The board's side of the piece, taken before anything can go wrong on it: whatever happens, its
     * {@link Borrowing#giveBack()} lets the lender go on.
     */
    synchronized Borrowing borrowing(Assignment<?> piece) {
        return new Borrowing(piece, loan(piece));
    }

    /** The board's worker's hold on one piece's loan. */
    final class Borrowing {

        private final Assignment<?> piece;
        private final Loan loan;

        private Borrowing(Assignment<?> piece, Loan loan) {
            this.piece = piece;
            this.loan = loan;
        }

        /** Waits for the reference's lease for the piece (or why there is none). */
        Borrowed borrow(Tentacle borrower) {
            synchronized (Loans.this) {
                while (true) {
                    if (loan.refusal != null) {
                        return new Refused(loan.refusal);
                    }
                    if (loan.lent != null && !loan.lenderGone && !loan.returned) {
                        loan.borrowed = true;
                        return new Lent(loan.lent);
                    }
                    if (loan.lenderGone || loan.returned || cancelled.getAsBoolean() || !await(borrower)) {
                        return new GaveUp();
                    }
                }
            }
        }

        /**
         * The board's side of the piece has ended, whether it borrowed or not (its board lost, the
         * run cancelled): the lender goes on. Called as soon as the runner is done with the lease;
         * more calls do nothing.
         */
        void giveBack() {
            synchronized (Loans.this) {
                if (loan.returned) {
                    return;
                }
                loan.returned = true;
                Loans.this.notifyAll();
                forgetWhenEnded(piece, loan);
            }
        }
    }

    /** How many two-board pieces still have a side that has not ended (tests: none once both did). */
    synchronized int pending() {
        return loans.size();
    }

    /** Tests: who starts waiting, told before the lock is let go. */
    void onWaiting(Consumer<Tentacle> listener) {
        this.waiting = listener;
    }

    private Loan loan(Assignment<?> piece) {
        return loans.computeIfAbsent(piece, key -> new Loan());
    }

    private void forgetWhenEnded(Assignment<?> piece, Loan loan) {
        if (loan.returned && loan.lenderGone) {
            loans.remove(piece, loan);
        }
    }

    /** False when the thread was interrupted: its worker is being stopped. */
    private boolean await(Tentacle tentacle) {
        waiting.accept(tentacle);
        try {
            wait(POLL_MILLIS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * The reference's target as the borrower's runner uses it: a board lost there is the reference's
     * loss (told back to its lender), and closing it stays its lender's business.
     */
    private static final class LentTarget implements Target {

        private final Target target;
        private volatile BoardLostException lost;

        LentTarget(Target target) {
            this.target = target;
        }

        @Override
        public String variant() {
            return target.variant();
        }

        @Override
        public String port() {
            return target.port();
        }

        @Override
        public Execution execute(Script script) throws TargetException {
            return watched(() -> target.execute(script));
        }

        @Override
        public Optional<Execution> rerunCarefully(Script script) throws TargetException {
            return watched(() -> target.rerunCarefully(script));
        }

        /** A two-board test's instance on the reference: a board lost when it starts is the reference's loss too. */
        @Override
        public Optional<Interactive> interactive() {
            return target.interactive().map(interactive -> new Interactive() {
                @Override
                public String name() {
                    return interactive.name();
                }

                @Override
                public Kind kind() {
                    return interactive.kind();
                }

                @Override
                public Running start(byte[] code, java.nio.file.Path directory, java.util.Map<String, String> environment)
                        throws TargetException {
                    return watched(() -> interactive.start(code, directory, environment));
                }
            });
        }

        private interface Call<T> {
            T run() throws TargetException;
        }

        private <T> T watched(Call<T> call) throws TargetException {
            try {
                return call.run();
            } catch (BoardLostException e) {
                lost = e;
                throw e;
            }
        }

        @Override
        public void close() {
            // The lender keeps its target open for its own work after the piece.
        }
    }
}
