package org.lungprep.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import org.lungprep.normalize.CohortMean;
import org.lungprep.pipeline.BatchRunner;
import org.lungprep.pipeline.Cohort;
import org.lungprep.pipeline.Csv;
import org.lungprep.pipeline.PreprocessSettings;
import org.lungprep.pipeline.Preprocessor;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code batch <cohort> <outdir>}: preprocess every patient of a cohort, in parallel, resumable, shardable. */
@Command(name = "batch", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
	description = { "Preprocess every patient of a cohort folder (one patient per sub-folder at any depth, or .mhd/.nii files).",
		"Finished patients are skipped, failures are recorded in manifest.csv and make the exit code 1.",
		"--shard k/n splits the cohort deterministically for array jobs; --merge joins their manifests." })
final class BatchCommand implements Callable<Integer> {

	@Parameters(index = "0", arity = "0..1", paramLabel = "COHORT", description = "Cohort folder (not needed with --merge)")
	Path cohort;

	@Parameters(index = "1", arity = "0..1", paramLabel = "OUTDIR", description = "Output folder")
	Path out;

	@Mixin
	PipelineOptions pipeline;

	@Option(names = "--shard", paramLabel = "K/N", description = "Process only shard K of N (1-based), writing manifest-shard-K-of-N.csv.")
	String shard;

	@Option(names = "--merge", description = "Join manifest-shard-*.csv of OUTDIR (the only argument then) into manifest.csv.")
	boolean merge;

	@Option(names = "--compute-mean", description = "Write mean.json: the cohort mean of the scaled values, for --mean.")
	boolean computeMean;

	@Option(names = "--jobs", description = "Patients at once (default: cores, bounded by memory).")
	Integer jobs;

	@Option(names = "--threads", description = "Threads in all (default: all cores).")
	Integer threads;

	@Option(names = { "-q", "--quiet" }, description = "No progress bar.")
	boolean quiet;


	@Override
	public Integer call() throws Exception {
		if (merge) {
			final Path dir = out != null ? out : cohort;
			if (dir == null) throw new IllegalArgumentException("batch --merge needs the output folder");
			final Path merged = BatchRunner.merge(dir);
			final List<List<String>> rows = Csv.parse(new String(Files.readAllBytes(merged), StandardCharsets.UTF_8));
			long failed = rows.stream().skip(1).filter(r -> r.size() > 1 && !"ok".equals(r.get(1))).count();
			if (computeMean) writeMean(dir, rows, pipeline.toSettings());
			System.out.println("merged " + (rows.size() - 1) + " patients into " + merged + (failed > 0 ? " (" + failed + " failed)" : ""));
			return failed > 0 ? 1 : 0;
		}
		if (cohort == null || out == null) throw new IllegalArgumentException("batch needs COHORT and OUTDIR");
		// a shard sees part of the cohort: its mean.json would be that part's, and the shards would overwrite each other's
		if (shard != null && computeMean)
			throw new IllegalArgumentException("--compute-mean with --shard: a shard sees only part of the cohort; run the shards without it, then batch --merge "
				+ out + " --compute-mean");
		if (out.toAbsolutePath().normalize().startsWith(cohort.toAbsolutePath().normalize()) && !out.getFileName().toString().startsWith("."))
			throw new IOException(out + ": output folder is inside the cohort folder (LungPrep never writes into an input folder)");
		final PreprocessSettings settings = pipeline.toSettings();
		final int cores = Runtime.getRuntime().availableProcessors();
		final int t = threads == null ? cores : threads;
		final int j = jobs == null ? t : jobs;
		final BatchRunner runner = new BatchRunner(j, t, (long) (Runtime.getRuntime().maxMemory() * 0.75), BatchCommand::estimate);
		final List<Cohort.Patient> patients = Cohort.find(cohort);
		final BatchRunner.Shard s = shard == null ? BatchRunner.Shard.ALL : BatchRunner.Shard.parse(shard);
		System.err.println("batch: " + patients.size() + " patients in " + cohort + (shard == null ? "" : ", shard " + s + ": " + s.select(patients).size()));
		final BatchRunner.Summary summary = runner.run(patients, out, s, (p, dir, threadsEach, progress) -> {
			final Preprocessor.Result r = new Preprocessor(settings).runInto(p.input(), dir, progress);
			return r.row();
		}, new TerminalProgress(System.err, quiet));
		System.out.println(summary);
		if (computeMean) writeMean(out, Csv.parse(new String(Files.readAllBytes(summary.manifest()), StandardCharsets.UTF_8)), settings);
		return summary.failed() > 0 ? 1 : 0;
	}

	/** Heap a patient needs: about 12 bytes per input voxel byte pair for the arrays kept (HU, resampled, mask, float). */
	static long estimate(final Cohort.Patient p) throws IOException {
		long bytes = 0;
		if (Files.isDirectory(p.input())) {
			try (Stream<Path> s = Files.list(p.input())) {
				for (final Path f : (Iterable<Path>) s::iterator)
					if (Files.isRegularFile(f)) bytes += Files.size(f);
			}
		}
		else bytes = Files.size(p.input()) * 4; // compressed volumes expand
		return bytes * 8;
	}

	private static void writeMean(final Path dir, final List<List<String>> rows, final PreprocessSettings settings) throws IOException {
		if (rows.isEmpty()) throw new IOException(dir + ": empty manifest, no mean to compute");
		final List<String> header = rows.get(0);
		final int sumCol = header.indexOf("scaled_sum"), voxCol = header.indexOf("scaled_voxels"), statusCol = header.indexOf("status");
		CohortMean m = CohortMean.empty();
		for (final List<String> r : rows.subList(1, rows.size()))
			if (sumCol >= 0 && "ok".equals(r.get(statusCol)) && !r.get(sumCol).isEmpty())
				m = m.plus(CohortMean.of(Double.parseDouble(r.get(sumCol)), Long.parseLong(r.get(voxCol))));
		if (m.voxels() == 0) throw new IOException(dir + ": no finished patient to compute a mean from");
		final Path file = dir.resolve("mean.json");
		MeanFile.write(file, m, settings.normalize().min(), settings.normalize().max());
		System.out.println(String.format(java.util.Locale.ROOT, "cohort mean %.6f over %d patients -> %s (use --mean %s)", m.mean(), m.volumes(), file, file));
	}

}
