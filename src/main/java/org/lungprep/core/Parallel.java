package org.lungprep.core;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

import net.imglib2.parallel.Parallelization;

/**
 * Index-parallel loops on ImgLib2's {@link Parallelization}: the task executor in force (all cores by default, one
 * thread inside {@code Parallelization.runSingleThreaded}, the count a caller set with {@code runWithNumThreads}).
 */
public final class Parallel {

	private Parallel() { }

	/** @return 0, 1, ..., n - 1 as a list, the form {@code TaskExecutor.forEach} takes */
	public static List<Integer> range(final int n) {
		final List<Integer> l = new ArrayList<>(Math.max(0, n));
		for (int i = 0; i < n; i++)
			l.add(i);
		return l;
	}

	/** Runs {@code task} for every index in [0, n) as tasks of the current executor and returns when all are done. */
	public static void forEach(final int n, final IntConsumer task) {
		Parallelization.getTaskExecutor().forEach(range(n), task::accept);
	}
}
