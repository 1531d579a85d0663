package io.obmigrate.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGTERM and SIGINT (Ctrl-C) while a job runs: the first asks the run to stop at the next chunk boundary, as
 * {@code obmigrate stop} does, so the command prints its summary and exits 3 with the execution STOPPED; a second
 * ends the process at once (exit 1), leaving the run for {@code restart}, which recognises the dead process. Installed
 * by {@code run} and {@code restart} for the duration of the job; other commands keep the JVM's default handling.
 */
final class GracefulStop implements AutoCloseable {

	/** Exit code of a process ended by a second signal. */
	static final int ENDED_AT_ONCE = ExitCodes.FAILED;

	private final List<Installed> installed = new ArrayList<>();

	/**
	 * Set when the process ends right after its command: a signal between the end of the run and the process's exit
	 * (the summary printed, the exit code known) then changes nothing, instead of ending the process with 143/130.
	 */
	private static volatile boolean processEndsWithCommand;

	private final AtomicInteger signals = new AtomicInteger();

	private GracefulStop() {
	}

	private record Installed(Signal signal, SignalHandler previous) {
	}

	/**
	 * Installs the handlers; {@code stop} is run, on a thread of its own, when the first signal arrives and must ask
	 * the running execution to stop.
	 */
	static GracefulStop install(PrintStream err, Runnable stop) {
		GracefulStop graceful = new GracefulStop();
		for (String name : new String[] { "TERM", "INT" }) {
			try {
				Signal signal = new Signal(name);
				SignalHandler previous = Signal.handle(signal, s -> graceful.received(s, err, stop));
				graceful.installed.add(new Installed(signal, previous));
			}
			catch (IllegalArgumentException unavailable) {
				// the JVM runs with -Xrs or on a platform without this signal: its default handling stays
			}
		}
		return graceful;
	}

	private void received(Signal signal, PrintStream err, Runnable stop) {
		if (this.signals.incrementAndGet() == 1) {
			err.println("obmigrate: SIG" + signal.getName() + " received: stopping at the next chunk boundary (the run"
					+ " ends STOPPED and `obmigrate restart` resumes it). Send it again to end at once.");
			Thread stopper = new Thread(() -> {
				try {
					stop.run();
				}
				catch (RuntimeException ex) {
					err.println("obmigrate: could not ask the run to stop (" + ex.getMessage() + "); send the signal"
							+ " again to end at once.");
				}
			}, "obmigrate-graceful-stop");
			stopper.setDaemon(true);
			stopper.start();
		}
		else {
			err.println("obmigrate: SIG" + signal.getName() + " again: ending now. The run is left unfinished;"
					+ " `obmigrate restart` recognises the ended process and resumes from the last committed chunk.");
			err.flush();
			Runtime.getRuntime().halt(ENDED_AT_ONCE);
		}
	}

	/** Whether a signal asked this process to stop. */
	boolean requested() {
		return this.signals.get() > 0;
	}

	/** The command is the whole process: keep signals from changing its exit code once its run has ended. */
	static void processEndsWithCommand() {
		processEndsWithCommand = true;
	}

	@Override
	public void close() {
		for (Installed handler : this.installed) {
			if (processEndsWithCommand) {
				Signal.handle(handler.signal(), s -> {
					// the run has ended and its exit code is set: the process ends with it in a moment
				});
			}
			else {
				Signal.handle(handler.signal(), handler.previous());
			}
		}
	}

}
