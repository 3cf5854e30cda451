package org.lungprep.pipeline;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * One-time JVM set-up that a one-shot {@code preprocess} or {@code batch} run would otherwise pay on its critical path,
 * done on a spare daemon thread while the command line is parsed (about 70 ms in which one core runs picocli alone) and
 * later stages run on the other: the JDK's own lambdas behind {@code Comparator.comparingDouble} and byte-array
 * VarHandles (each spun as a class at first use, the first one loading the JDK's bytecode writer), {@code Formatter}
 * (regular expressions), and the marching-cubes case tables of the QC picture's 3D panel (about 30 ms, mostly
 * interpreted).
 * <p>
 * It computes nothing the run uses: it only initialises classes (thread-safe in the JVM: a thread that needs a class
 * another one is initialising waits for it), and a failure here is ignored, so results never depend on it.
 * {@code -Dlungprep.warmup=false} turns it off.
 */
public final class WarmUp {

	private WarmUp() { }

	/** Starts the warm-up thread (once per call; callers call it once per process), unless turned off. */
	public static void start() {
		if (!Boolean.parseBoolean(System.getProperty("lungprep.warmup", "true"))) return;
		final Thread t = new Thread(WarmUp::run, "lungprep-warmup");
		t.setDaemon(true);
		t.setPriority(Thread.MIN_PRIORITY);
		t.start();
	}

	private static void run() {
		warm();
	}

	/** Classes whose static set-up is worth a head start (by name: some are internal to their packages). */
	static final String[] CLASSES = { "org.lungprep.core.ByteScan", "org.lungprep.mesh.McTables", "org.lungprep.mesh.MaskSurface",
		"org.lungprep.mesh.MarchingCubes" };

	/** @return what failed (nothing, normally; the run goes on regardless) */
	static List<Throwable> warm() {
		final List<Throwable> failed = new ArrayList<>();
		try {
			// the JDK-internal lambdas of Comparator's combinators (the DICOM series sort) and, with ByteScan, of
			// byte-array VarHandles
			final Comparator<double[]> c = Comparator.<double[]> comparingDouble(a -> a[0]).thenComparingInt(a -> (int) a[1]);
			c.compare(new double[2], new double[2]);
			String.format(Locale.ROOT, "%s %d %.1f %.6g", "", 1, 1.5, 2.5);
		}
		catch (final Throwable e) {
			failed.add(e);
		}
		for (final String name : CLASSES)
			try {
				initialise(name);
			}
			catch (final Throwable e) {
				// only ever a head start: whatever failed here happens again, and is reported, where it is needed
				failed.add(e);
			}
		return failed;
	}

	private static void initialise(final String name) throws ClassNotFoundException {
		Class.forName(name, true, WarmUp.class.getClassLoader());
	}
}
