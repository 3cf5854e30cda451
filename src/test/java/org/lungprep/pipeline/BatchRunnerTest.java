package org.lungprep.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lungprep.core.ProgressListener;

class BatchRunnerTest {

	@TempDir
	Path tmp;

	/** A cohort of fake DICOM folders (files with "DICM" at 128) and one MetaImage file, nested. */
	private Path cohort(final int n) throws IOException {
		final Path c = tmp.resolve("cohort");
		final byte[] dicom = new byte[200];
		dicom[128] = 'D';
		dicom[129] = 'I';
		dicom[130] = 'C';
		dicom[131] = 'M';
		for (int i = 0; i < n; i++) {
			final Path d = c.resolve(i % 2 == 0 ? "site-a" : "site-b").resolve(String.format("patient%02d", i));
			Files.createDirectories(d);
			Files.write(d.resolve("slice1"), dicom);
			Files.write(d.resolve("notes.txt"), "not dicom".getBytes(StandardCharsets.UTF_8));
		}
		Files.createDirectories(c.resolve("luna"));
		Files.write(c.resolve("luna/1.3.6.1.mhd"), "NDims = 3\n".getBytes(StandardCharsets.UTF_8));
		Files.createDirectories(c.resolve("empty-folder"));
		Files.createDirectories(c.resolve(".hidden/p"));
		Files.write(c.resolve(".hidden/p/slice1"), dicom);
		return c;
	}

	private static BatchRunner.PatientJob writing(final AtomicInteger runs) {
		return (p, out, threads, progress) -> {
			runs.incrementAndGet();
			if (p.id().endsWith("03")) throw new IOException(p.input() + ": bad patient");
			Files.write(out.resolve("result.txt"), p.id().getBytes(StandardCharsets.UTF_8));
			final Map<String, String> row = new LinkedHashMap<>();
			row.put("value", Integer.toString(p.id().length()));
			return row;
		};
	}

	@Test
	void findsPatientsAtAnyDepthSortedAndIgnoresHiddenAndEmpty() throws IOException {
		final List<Cohort.Patient> ps = Cohort.find(cohort(4));
		final List<String> ids = new ArrayList<>();
		for (final Cohort.Patient p : ps)
			ids.add(p.id());
		assertEquals(List.of("luna/1.3.6.1", "site-a/patient00", "site-a/patient02", "site-b/patient01", "site-b/patient03"), ids);
	}

	@Test
	void emptyCohortIsAClearError() throws IOException {
		Files.createDirectories(tmp.resolve("nothing/here"));
		final IOException e = assertThrows(IOException.class, () -> Cohort.find(tmp.resolve("nothing")));
		assertTrue(e.getMessage().contains("no patients found"), e.getMessage());
	}

	@Test
	void runsRecordsFailuresAndResumes() throws IOException {
		final List<Cohort.Patient> ps = Cohort.find(cohort(6));
		final Path out = tmp.resolve("out");
		final AtomicInteger runs = new AtomicInteger();
		final BatchRunner runner = new BatchRunner(2, 2, 1L << 30, p -> 1L << 20);
		final BatchRunner.Summary first = runner.run(ps, out, BatchRunner.Shard.ALL, writing(runs), ProgressListener.NONE);
		assertEquals(7, first.total());
		assertEquals(7, first.done());
		assertEquals(1, first.failed());
		assertEquals(7, runs.get());
		assertTrue(Files.isRegularFile(out.resolve("site-a/patient00/result.txt")));
		assertFalse(Files.exists(out.resolve("site-b/patient03")), "a failed patient must not leave an output folder");
		final List<List<String>> manifest = Csv.parse(Files.readString(out.resolve("manifest.csv")));
		assertEquals(List.of("patient", "status", "error", "value"), manifest.get(0));
		assertEquals(8, manifest.size());
		final List<String> failedRow = manifest.stream().filter(r -> r.get(0).equals("site-b/patient03")).findFirst().orElseThrow();
		assertEquals("failed", failedRow.get(1));
		assertTrue(failedRow.get(2).contains("bad patient"));

		// Second run: only the failed patient is tried again.
		final BatchRunner.Summary second = runner.run(ps, out, BatchRunner.Shard.ALL, writing(runs), ProgressListener.NONE);
		assertEquals(6, second.skipped());
		assertEquals(1, second.done());
		assertEquals(8, runs.get());
		assertEquals(8, Csv.parse(Files.readString(out.resolve("manifest.csv"))).size());
	}

	@Test
	void aKilledRunLeavesNothingThatLooksFinished() throws IOException {
		final List<Cohort.Patient> ps = Cohort.find(cohort(2));
		final Path out = tmp.resolve("out");
		// Simulate a kill in the middle of writing: the job writes part of its output and then the JVM "dies" (an Error
		// escaping the job is what a kill looks like from here: nothing after it runs).
		final BatchRunner runner = new BatchRunner(1, 1, 1L << 30, p -> 1L << 20);
		runner.run(ps, out, BatchRunner.Shard.ALL, (p, dir, t, pr) -> {
			Files.write(dir.resolve("half.npy"), new byte[10]);
			throw new IOException("killed");
		}, ProgressListener.NONE);
		for (final Cohort.Patient p : ps)
			assertFalse(Files.exists(out.resolve(p.id())), p.id() + " must not exist after an interrupted job");
		// A temporary folder left by a real kill is removed by the next run of the same shard.
		Files.createDirectories(out.resolve(".partial/s1of1-deadbeef"));
		final AtomicInteger runs = new AtomicInteger();
		runner.run(ps, out, BatchRunner.Shard.ALL, writing(runs), ProgressListener.NONE);
		assertFalse(Files.exists(out.resolve(".partial/s1of1-deadbeef")));
		assertEquals(ps.size(), runs.get());
	}

	@Test
	void shardsPartitionTheCohortDeterministicallyAndMerge() throws IOException {
		final List<Cohort.Patient> ps = Cohort.find(cohort(9));
		final Path out = tmp.resolve("out");
		final Set<String> seen = new HashSet<>();
		int total = 0;
		for (int k = 1; k <= 3; k++) {
			final BatchRunner.Shard shard = new BatchRunner.Shard(k, 3);
			final List<Cohort.Patient> part = shard.select(ps);
			assertEquals(part, shard.select(Cohort.find(tmp.resolve("cohort"))), "the same shard must select the same patients");
			for (final Cohort.Patient p : part)
				assertTrue(seen.add(p.id()), p.id() + " in two shards");
			total += part.size();
			new BatchRunner(1, 1, 1L << 30, p -> 1).run(ps, out, shard, writing(new AtomicInteger()), ProgressListener.NONE);
			assertTrue(Files.isRegularFile(out.resolve("manifest-shard-" + k + "-of-3.csv")));
		}
		assertEquals(ps.size(), total);
		final Path merged = BatchRunner.merge(out);
		final List<List<String>> rows = Csv.parse(Files.readString(merged));
		assertEquals(ps.size() + 1, rows.size());
		final List<String> ids = new ArrayList<>();
		for (final List<String> r : rows.subList(1, rows.size()))
			ids.add(r.get(0));
		final List<String> sorted = new ArrayList<>(ids);
		Collections.sort(sorted);
		assertEquals(sorted, ids);
	}

	@Test
	void badShardTextIsRejected() {
		assertThrows(IllegalArgumentException.class, () -> BatchRunner.Shard.parse("4/3"));
		assertThrows(IllegalArgumentException.class, () -> BatchRunner.Shard.parse("x"));
		assertEquals(2, BatchRunner.Shard.parse(" 2/5 ").k());
	}

	@Test
	void memoryBudgetLimitsConcurrency() throws IOException {
		final List<Cohort.Patient> ps = Cohort.find(cohort(6));
		final AtomicInteger running = new AtomicInteger();
		final AtomicInteger maxRunning = new AtomicInteger();
		// Budget of 10 MB, each patient needs 8 MB: at most one at a time although two jobs are allowed.
		new BatchRunner(2, 2, 10L << 20, p -> 8L << 20).run(ps, tmp.resolve("out"), BatchRunner.Shard.ALL, (p, dir, t, pr) -> {
			maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
			try {
				Thread.sleep(20);
			}
			catch (final InterruptedException e) {
				Thread.currentThread().interrupt();
			}
			running.decrementAndGet();
			return Map.of();
		}, ProgressListener.NONE);
		assertEquals(1, maxRunning.get());
	}
}
