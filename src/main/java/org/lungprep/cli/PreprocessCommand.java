package org.lungprep.cli;

import java.nio.file.Path;
import org.lungprep.core.Decimals;
import java.util.Map;
import java.util.concurrent.Callable;

import org.lungprep.pipeline.PreprocessSettings;
import org.lungprep.pipeline.Preprocessor;

import net.imglib2.parallel.Parallelization;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code preprocess <input> <outdir>}: the whole job for one scan. */
@Command(name = "preprocess", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
	description = { "Load a CT (DICOM folder or file, .mhd, .nii/.nii.gz), convert to HU, resample, segment the lungs, normalize,",
		"and write hu.npy, resampled.npy (int16), lungs.npy (uint8), normalized.npy (float32), all in (z, y, x) order,",
		"plus report.json and qc.png. The output folder appears complete or not at all." })
final class PreprocessCommand implements Callable<Integer> {

	@Parameters(index = "0", paramLabel = "INPUT", description = "DICOM folder or file, .mhd/.mha, .nii/.nii.gz")
	Path input;

	@Parameters(index = "1", paramLabel = "OUTDIR", description = "Output folder (must not exist unless --overwrite)")
	Path out;

	@Mixin
	PipelineOptions pipeline;

	@Option(names = "--overwrite", description = "Replace an existing output folder.")
	boolean overwrite;

	@Option(names = "--threads", description = "Threads to use (default: all cores).")
	Integer threads;

	@Option(names = { "-q", "--quiet" }, description = "No progress bar.")
	boolean quiet;


	@Override
	public Integer call() throws Exception {
		final PreprocessSettings settings = pipeline.toSettings();
		final int n = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
		if (n < 1) throw new IllegalArgumentException("--threads must be >= 1, got " + n);
		final TerminalProgress progress = new TerminalProgress(System.err, quiet);
		final Preprocessor.Result[] r = { null };
		final Exception[] error = { null };
		Parallelization.runWithNumThreads(n, () -> {
			try {
				r[0] = new Preprocessor(settings).run(input, out, overwrite, progress);
			}
			catch (final Exception e) {
				error[0] = e;
			}
		});
		if (error[0] != null) throw error[0];
		System.out.println(summary(r[0].report(), out));
		return 0;
	}

	@SuppressWarnings("unchecked")
	static String summary(final Map<String, Object> report, final Path out) {
		final Map<String, Object> lungs = (Map<String, Object>) report.get("lungs");
		final Map<String, Double> seconds = (Map<String, Double>) report.get("seconds");
		final StringBuilder sb = new StringBuilder();
		// (no String.format: see Decimals)
		final String nl = System.lineSeparator();
		sb.append("series    ").append(report.get("series_uid")).append(" (").append(report.get("slices")).append(" slices)").append(nl);
		sb.append("hu        shape (z,y,x) ").append(Texts.zyx(report.get("hu_shape_zyx"))).append(", spacing (z,y,x) ").append(Texts.zyx(report.get("input_spacing_zyx")))
			.append(" mm").append(nl);
		sb.append("resampled shape (z,y,x) ").append(Texts.zyx(report.get("resampled_shape_zyx"))).append(", spacing (z,y,x) ")
			.append(Texts.zyx(report.get("resampled_spacing_zyx"))).append(" mm").append(nl);
		sb.append("lungs     ").append(Decimals.fixed(num(lungs.get("total_ml")), 0)).append(" mL");
		if (lungs.get("right_ml") != null)
			sb.append(" (right ").append(Decimals.fixed(num(lungs.get("right_ml")), 0)).append(", left ").append(Decimals.fixed(num(lungs.get("left_ml")), 0)).append(')');
		sb.append(nl);
		for (final Object w : (Iterable<Object>) report.get("warnings"))
			sb.append("warning   ").append(w).append(System.lineSeparator());
		sb.append("seconds   ").append(seconds).append(nl);
		sb.append("outputs   ").append(out.toAbsolutePath());
		return sb.toString();
	}

	private static double num(final Object o) {
		return o instanceof Number ? ((Number) o).doubleValue() : Double.NaN;
	}

}
