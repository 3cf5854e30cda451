package org.lungprep.pipeline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.lungprep.core.CancelledException;
import org.lungprep.core.ProgressListener;

import net.imglib2.parallel.Parallelization;

/**
 * Runs one job per patient over a cohort: in parallel, resumable, splittable into shards, never leaving a
 * half-written patient that looks finished.
 * <p>
 * Each patient is written into a hidden temporary folder {@code <out>/.partial/<random>} and renamed to
 * {@code <out>/<patient id>} only when the job has finished and its {@value #ROW_FILE} is written; a folder of that
 * name that holds {@value #ROW_FILE} is finished and skipped on the next run. A run killed at any moment leaves at most
 * a temporary folder, which the next run deletes. Failed patients are recorded in the manifest and tried again on the
 * next run.
 * <p>
 * Patients run in parallel ({@code jobs} at a time), each with {@code threads / jobs} threads for its own
 * ImgLib2 {@link Parallelization}; a memory budget (a semaphore of megabytes sized from the JVM's maximum heap) keeps
 * concurrently running patients within what the JVM has.
 */
public final class BatchRunner {

	/** The per-patient file holding the patient's manifest row; its presence marks a finished patient. */
	public static final String ROW_FILE = "manifest-row.csv";

	/** Work done for one patient. */
	@FunctionalInterface
	public interface PatientJob {
		/**
		 * @param patient the patient
		 * @param outDir an empty folder to write the patient's outputs into
		 * @param threads the number of threads the job may use
		 * @param progress progress of this patient
		 * @return the manifest fields of the patient (ordered; the keys must be the same for every patient)
		 * @throws Exception any failure, recorded in the manifest
		 */
		Map<String, String> run(Cohort.Patient patient, Path outDir, int threads, ProgressListener progress) throws Exception;
	}

	/** Estimates the heap bytes a patient needs (e.g. from its input size). */
	@FunctionalInterface
	public interface MemoryEstimate {
		long bytes(Cohort.Patient patient) throws IOException;
	}

	/** A shard {@code k} of {@code n} (1-based): the patients whose sorted index i satisfies i % n == k - 1. */
	public static final class Shard {
		/** All patients. */
		public static final Shard ALL = new Shard(1, 1);
		private final int k;
		private final int n;

		public Shard(final int k, final int n) {
			if (n < 1 || k < 1 || k > n) throw new IllegalArgumentException("shard must be k/n with 1 <= k <= n, got " + k + "/" + n);
			this.k = k;
			this.n = n;
		}

		/** @param text {@code k/n}, e.g. {@code 3/10} */
		public static Shard parse(final String text) {
			final String[] parts = text.trim().split("/");
			try {
				if (parts.length == 2) return new Shard(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
			}
			catch (final NumberFormatException e) {
				// reported below
			}
			throw new IllegalArgumentException("shard must look like k/n (e.g. 3/10), got '" + text + "'");
		}

		public int k() { return k; }
		public int n() { return n; }

		/** @return the patients of this shard, in order */
		public <T> List<T> select(final List<T> all) {
			final List<T> out = new ArrayList<>();
			for (int i = 0; i < all.size(); i++)
				if (i % n == k - 1) out.add(all.get(i));
			return out;
		}

		/** @return {@code manifest.csv} for all, else {@code manifest-shard-k-of-n.csv} */
		public String manifestName() { return n == 1 ? "manifest.csv" : "manifest-shard-" + k + "-of-" + n + ".csv"; }

		@Override
		public String toString() { return k + "/" + n; }
	}

	/** What a run did. */
	public static final class Summary {
		private final int total;
		private final int done;
		private final int skipped;
		private final int failed;
		private final Path manifest;

		Summary(final int total, final int done, final int skipped, final int failed, final Path manifest) {
			this.total = total;
			this.done = done;
			this.skipped = skipped;
			this.failed = failed;
			this.manifest = manifest;
		}

		/** @return patients in this shard */
		public int total() { return total; }
		/** @return patients processed now */
		public int done() { return done; }
		/** @return patients already finished by an earlier run */
		public int skipped() { return skipped; }
		/** @return patients that failed */
		public int failed() { return failed; }
		/** @return the manifest written */
		public Path manifest() { return manifest; }

		@Override
		public String toString() {
			return total + " patients: " + done + " processed, " + skipped + " already done, " + failed + " failed; manifest " + manifest;
		}
	}

	/** First columns of every manifest, before the job's own fields. */
	public static final List<String> BASE_COLUMNS = List.of("patient", "status", "error");

	private final int jobs;
	private final int threads;
	private final long memoryBudget;
	private final MemoryEstimate estimate;

	/**
	 * @param jobs patients processed at once (&ge; 1)
	 * @param threads total threads (&ge; 1), shared among the jobs
	 * @param memoryBudget bytes that concurrently running patients may use together
	 * @param estimate the memory a patient needs
	 */
	public BatchRunner(final int jobs, final int threads, final long memoryBudget, final MemoryEstimate estimate) {
		if (jobs < 1) throw new IllegalArgumentException("jobs must be >= 1, got " + jobs);
		if (threads < 1) throw new IllegalArgumentException("threads must be >= 1, got " + threads);
		if (memoryBudget < 1) throw new IllegalArgumentException("memory budget must be > 0, got " + memoryBudget);
		this.jobs = jobs;
		this.threads = threads;
		this.memoryBudget = memoryBudget;
		this.estimate = estimate;
	}

	/** @return a runner using every core and 75 % of the JVM's maximum heap */
	public static BatchRunner defaults(final MemoryEstimate estimate) {
		final int cores = Runtime.getRuntime().availableProcessors();
		return new BatchRunner(cores, cores, (long) (Runtime.getRuntime().maxMemory() * 0.75), estimate);
	}

	/**
	 * Runs the job over the shard's patients that are not finished yet, and writes the shard's manifest.
	 *
	 * @param patients all patients of the cohort (sorted, see {@link Cohort#find})
	 * @param out the output folder (created if missing)
	 * @param shard which part of the cohort this run does
	 * @param job the work per patient
	 * @param progress overall progress (fraction of the shard's patients finished) and cancellation
	 * @return the summary
	 * @throws IOException if the output folder or the manifest cannot be written
	 */
	public Summary run(final List<Cohort.Patient> patients, final Path out, final Shard shard, final PatientJob job,
		final ProgressListener progress) throws IOException
	{
		Files.createDirectories(out);
		final Path partialRoot = out.resolve(".partial");
		// Temporary folders of a killed earlier run of this shard are garbage: nothing refers to them.
		if (Files.isDirectory(partialRoot)) {
			try (Stream<Path> s = Files.list(partialRoot)) {
				for (final Path p : s.filter(p -> p.getFileName().toString().startsWith(shardPrefix(shard))).collect(Collectors.toList()))
					AtomicFiles.deleteTree(p);
			}
		}
		final List<Cohort.Patient> mine = shard.select(patients);
		final Map<String, Map<String, String>> rows = Collections.synchronizedMap(new LinkedHashMap<>());
		final List<Cohort.Patient> todo = new ArrayList<>();
		int skipped = 0;
		for (final Cohort.Patient p : mine) {
			final Path rowFile = out.resolve(p.id()).resolve(ROW_FILE);
			if (Files.isRegularFile(rowFile)) {
				rows.put(p.id(), readRow(rowFile));
				skipped++;
			}
			else {
				rows.put(p.id(), null);
				todo.add(p);
			}
		}
		final Path manifest = out.resolve(shard.manifestName());
		final AtomicInteger finished = new AtomicInteger();
		final AtomicInteger failed = new AtomicInteger();
		final int parallel = Math.max(1, Math.min(jobs, todo.size()));
		final int threadsEach = Math.max(1, threads / parallel);
		final int budgetMb = (int) Math.max(1, Math.min(Integer.MAX_VALUE, memoryBudget >> 20));
		final Semaphore memory = new Semaphore(budgetMb, true);
		progress.progress("batch", todo.isEmpty() ? 1 : 0);
		final ExecutorService pool = Executors.newFixedThreadPool(parallel, r -> {
			final Thread t = new Thread(r, "lungprep-batch");
			t.setDaemon(true);
			return t;
		});
		try {
			final List<Future<?>> futures = new ArrayList<>();
			for (final Cohort.Patient p : todo) {
				futures.add(pool.submit(() -> {
					Map<String, String> row;
					int permits = 0;
					try {
						progress.checkCancelled();
						permits = (int) Math.min(budgetMb, Math.max(1, estimate.bytes(p) >> 20));
						memory.acquire(permits);
						row = runOne(p, out, partialRoot, shard, job, threadsEach, progress);
					}
					catch (final CancelledException e) {
						row = failure(p, "cancelled");
					}
					catch (final InterruptedException e) {
						Thread.currentThread().interrupt();
						row = failure(p, "interrupted");
					}
					catch (final Exception | OutOfMemoryError e) {
						row = failure(p, oneLine(e));
					}
					finally {
						if (permits > 0) memory.release(permits);
					}
					if (!"ok".equals(row.get("status"))) failed.incrementAndGet();
					rows.put(p.id(), row);
					synchronized (this) {
						writeManifest(manifest, rows);
					}
					progress.progress("batch", finished.incrementAndGet() / (double) todo.size());
					return null;
				}));
			}
			for (final Future<?> f : futures) {
				try {
					f.get();
				}
				catch (final InterruptedException e) {
					Thread.currentThread().interrupt();
					throw new IOException("batch interrupted", e);
				}
				catch (final java.util.concurrent.ExecutionException e) {
					throw new IOException("batch failed: " + oneLine(e.getCause()), e.getCause());
				}
			}
		}
		finally {
			pool.shutdownNow();
		}
		synchronized (this) {
			writeManifest(manifest, rows);
		}
		return new Summary(mine.size(), todo.size(), skipped, failed.get(), manifest);
	}

	private static String shardPrefix(final Shard shard) {
		return "s" + shard.k() + "of" + shard.n() + "-";
	}

	private static Map<String, String> runOne(final Cohort.Patient p, final Path out, final Path partialRoot, final Shard shard,
		final PatientJob job, final int threads, final ProgressListener progress) throws Exception
	{
		Files.createDirectories(partialRoot);
		final Path tmp = AtomicFiles.createUniqueDirectory(partialRoot, shardPrefix(shard));
		try {
			final Map<String, String>[] result = newRowHolder();
			final Exception[] error = { null };
			final ProgressListener quiet = new ProgressListener() {
				@Override
				public void progress(final String stage, final double fraction) { /* per-patient stages are not shown in a batch */ }

				@Override
				public boolean isCancelled() { return progress.isCancelled(); }
			};
			Parallelization.runWithNumThreads(threads, () -> {
				try {
					result[0] = job.run(p, tmp, threads, quiet);
				}
				catch (final Exception e) {
					error[0] = e;
				}
			});
			if (error[0] != null) throw error[0];
			final Map<String, String> row = new LinkedHashMap<>();
			row.put("patient", p.id());
			row.put("status", "ok");
			row.put("error", "");
			row.putAll(result[0]);
			writeRow(tmp.resolve(ROW_FILE), row);
			final Path target = out.resolve(p.id());
			if (target.getParent() != null) Files.createDirectories(target.getParent());
			// A failed or unfinished earlier attempt may have left nothing here (we publish atomically), but an existing
			// folder without a row file is not ours to keep: replace it.
			AtomicFiles.publishFolder(tmp, target, true);
			return row;
		}
		finally {
			if (Files.exists(tmp)) AtomicFiles.deleteTree(tmp);
		}
	}

	@SuppressWarnings("unchecked")
	private static Map<String, String>[] newRowHolder() {
		return new Map[1];
	}

	private static Map<String, String> failure(final Cohort.Patient p, final String error) {
		final Map<String, String> row = new LinkedHashMap<>();
		row.put("patient", p.id());
		row.put("status", "failed");
		row.put("error", error);
		return row;
	}

	static String oneLine(final Throwable e) {
		final String m = e.getMessage();
		final String text = m == null || m.isEmpty() ? e.getClass().getSimpleName() : m;
		return text.replace('\n', ' ').replace('\r', ' ');
	}

	private static void writeRow(final Path file, final Map<String, String> row) throws IOException {
		final String text = Csv.line(new ArrayList<>(row.keySet())) + "\n" + Csv.line(new ArrayList<>(row.values())) + "\n";
		AtomicFiles.writeString(file, text);
	}

	private static Map<String, String> readRow(final Path file) throws IOException {
		final List<List<String>> rows = Csv.parse(new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
		if (rows.size() < 2 || rows.get(0).size() != rows.get(1).size()) throw new IOException(file + ": not a manifest row (delete the patient's folder to redo it)");
		final Map<String, String> row = new LinkedHashMap<>();
		for (int i = 0; i < rows.get(0).size(); i++)
			row.put(rows.get(0).get(i), rows.get(1).get(i));
		return row;
	}

	/** Writes the rows known so far (pending patients are left out) atomically; columns = union in first-seen order. */
	static void writeManifest(final Path manifest, final Map<String, Map<String, String>> rows) throws IOException {
		final List<Map<String, String>> known;
		synchronized (rows) {
			known = rows.values().stream().filter(r -> r != null).collect(Collectors.toList());
		}
		AtomicFiles.writeString(manifest, toCsv(known));
	}

	static String toCsv(final List<Map<String, String>> rows) {
		final List<String> columns = new ArrayList<>(BASE_COLUMNS);
		for (final Map<String, String> r : rows)
			for (final String k : r.keySet())
				if (!columns.contains(k)) columns.add(k);
		final StringBuilder sb = new StringBuilder(Csv.line(columns)).append('\n');
		for (final Map<String, String> r : rows) {
			final List<String> fields = new ArrayList<>();
			for (final String c : columns)
				fields.add(r.getOrDefault(c, ""));
			sb.append(Csv.line(fields)).append('\n');
		}
		return sb.toString();
	}

	/**
	 * Joins the shard manifests of an output folder ({@code manifest-shard-*.csv}) into {@code manifest.csv}, sorted by
	 * patient.
	 *
	 * @param out the output folder all shards wrote into
	 * @return the merged manifest
	 * @throws IOException if there are no shard manifests or one cannot be read
	 */
	public static Path merge(final Path out) throws IOException {
		final List<Path> shards;
		try (Stream<Path> s = Files.list(out)) {
			shards = s.filter(p -> p.getFileName().toString().matches("manifest-shard-\\d+-of-\\d+\\.csv")).sorted().collect(Collectors.toList());
		}
		if (shards.isEmpty()) throw new IOException(out + ": no manifest-shard-k-of-n.csv to merge");
		final Map<String, Map<String, String>> byPatient = new java.util.TreeMap<>();
		for (final Path shard : shards) {
			final List<List<String>> table = Csv.parse(new String(Files.readAllBytes(shard), StandardCharsets.UTF_8));
			if (table.isEmpty()) continue;
			final List<String> header = table.get(0);
			for (final List<String> line : table.subList(1, table.size())) {
				if (line.size() != header.size()) throw new IOException(shard + ": a row has " + line.size() + " fields, the header " + header.size());
				final Map<String, String> row = new LinkedHashMap<>();
				for (int i = 0; i < header.size(); i++)
					row.put(header.get(i), line.get(i));
				byPatient.put(row.get("patient"), row);
			}
		}
		final Path merged = out.resolve("manifest.csv");
		AtomicFiles.writeString(merged, toCsv(new ArrayList<>(byPatient.values())));
		return merged;
	}
}
