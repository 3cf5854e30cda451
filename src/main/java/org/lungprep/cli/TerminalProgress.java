package org.lungprep.cli;

import java.io.PrintStream;

import org.lungprep.core.ProgressListener;

/**
 * A one-line progress bar with ETA on the terminal (stderr). Redraws at most every 100 ms; when
 * stderr is not a terminal (a log file, CI) it prints a plain line per stage and per 25 % instead
 * of carriage returns.
 */
final class TerminalProgress implements ProgressListener {

	private final PrintStream out;
	private final boolean interactive;
	private final boolean quiet;
	private final long start = System.nanoTime();
	private long lastDraw;
	private String lastStage = "";
	private int lastQuarter = -1;

	TerminalProgress(final PrintStream out, final boolean quiet) {
		this.out = out;
		this.quiet = quiet;
		this.interactive = System.console() != null;
	}

	@Override
	public synchronized void progress(final String stage, final double fraction) {
		if (quiet) return;
		final double f = Math.max(0, Math.min(1, fraction));
		final long now = System.nanoTime();
		final double elapsed = (now - start) / 1e9;
		if (interactive) {
			if (now - lastDraw < 100_000_000L && f < 1 && stage.equals(lastStage)) return;
			lastDraw = now;
			lastStage = stage;
			final int width = 30, filled = (int) Math.round(f * width);
			final StringBuilder bar = new StringBuilder("\r[");
			for (int i = 0; i < width; i++) bar.append(i < filled ? '#' : '.');
			bar.append(String.format("] %3.0f%% %-14s %s", f * 100, stage, eta(elapsed, f)));
			out.print(bar);
			if (f >= 1) out.print("\r" + " ".repeat(bar.length()) + "\r");
			out.flush();
		}
		else {
			final int quarter = (int) Math.floor(f * 4);
			if (!stage.equals(lastStage) || quarter != lastQuarter) {
				lastStage = stage;
				lastQuarter = quarter;
				out.println(String.format("  %3.0f%% %s %s", f * 100, stage, eta(elapsed, f)));
			}
		}
	}

	/** Formats elapsed time and the estimate of what is left. */
	static String eta(final double elapsedSeconds, final double fraction) {
		if (fraction <= 0.001) return String.format("%.1fs", elapsedSeconds);
		final double left = elapsedSeconds * (1 - fraction) / fraction;
		return String.format("%.1fs, ETA %s", elapsedSeconds, clock(left));
	}

	static String clock(final double seconds) {
		final long s = Math.round(seconds);
		if (s < 60) return s + "s";
		if (s < 3600) return String.format("%dm%02ds", s / 60, s % 60);
		return String.format("%dh%02dm", s / 3600, (s % 3600) / 60);
	}
}
