import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.lungprep.core.ProgressListener;
import org.lungprep.pipeline.CtLoader;
import org.lungprep.pipeline.LoadOptions;

/**
 * Loading a DICOM series to HU (scan headers, order, read pixels, rescale) against the reference's load + hu stages.
 * Args: report.json of tutorial_pipeline.py, (unused), series folder.
 */
public class LoadBench {
	public static void main(final String[] args) throws Exception {
		final Path series = Paths.get(args.length > 2 ? args[2] : "../shared/data/chest_ct/cptac-lscc_C3N-00247_lung3mm");
		final double ref = Bench.seconds(args[0], "load") + Bench.seconds(args[0], "hu");
		double best = Double.MAX_VALUE, first = 0;
		for (int i = 0; i < 40; i++) {
			final long t0 = System.nanoTime();
			CtLoader.load(series, LoadOptions.DEFAULT, ProgressListener.NONE);
			final double s = (System.nanoTime() - t0) / 1e9;
			if (i == 0) first = s;
			if (i >= 10) best = Math.min(best, s);
		}
		// first run includes class loading and JIT warm-up: what a one-shot command line sees
		Bench.print("load_hu_first_run", first, ref);
		Bench.print("load_hu", best, ref);
	}
}

/** Shared bench helpers. */
class Bench {
	static double seconds(final String reportJson, final String stage) throws Exception {
		final String json = new String(Files.readAllBytes(Paths.get(reportJson)), "UTF-8");
		final Matcher m = Pattern.compile("\"" + stage + "\"\\s*:\\s*([0-9.eE+-]+)").matcher(json);
		if (!m.find()) throw new IllegalArgumentException(reportJson + ": no seconds for stage " + stage);
		return Double.parseDouble(m.group(1));
	}

	static void print(final String stage, final double lungprep, final double reference) {
		System.out.println(String.format(Locale.ROOT, "stage %s lungprep_s=%.4f reference_s=%.4f ratio=%.1f", stage, lungprep, reference, reference / lungprep));
	}
}
