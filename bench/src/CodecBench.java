import java.nio.file.Paths;

import org.lungprep.core.ProgressListener;
import org.lungprep.pipeline.CtLoader;
import org.lungprep.pipeline.LoadOptions;

/**
 * Decoding the 20-slice JPEG 2000 series (jpeg2000_siemens_20slices_no_series_uid) to HU, against pydicom decoding the
 * same files (seconds in the environment variable J2K_REF, measured by bench/run). Args: report.json, (unused), CPTAC
 * series folder (its parent's parent is the data root).
 */
public class CodecBench {
	public static void main(final String[] args) throws Exception {
		final java.nio.file.Path cptac = Paths.get(args.length > 2 ? args[2] : "../shared/data/chest_ct/cptac-lscc_C3N-00247_lung3mm");
		final java.nio.file.Path j2k = cptac.toAbsolutePath().getParent().getParent().resolve("edge_cases/jpeg2000_siemens_20slices_no_series_uid");
		double best = Double.MAX_VALUE, first = 0;
		for (int i = 0; i < 10; i++) {
			final long t0 = System.nanoTime();
			CtLoader.load(j2k, LoadOptions.DEFAULT, ProgressListener.NONE);
			final double s = (System.nanoTime() - t0) / 1e9;
			if (i == 0) first = s;
			if (i >= 3) best = Math.min(best, s);
		}
		final String ref = System.getenv("J2K_REF");
		if (ref == null || ref.equals("unavailable") || ref.isEmpty())
			System.out.println(String.format(java.util.Locale.ROOT, "stage load_jpeg2000_20_slices lungprep_s=%.4f reference_s=unavailable", best));
		else Bench.print("load_jpeg2000_20_slices", best, Double.parseDouble(ref.trim()));
		Bench.print("load_jpeg2000_20_slices_first_run", first, ref == null || ref.equals("unavailable") ? Double.NaN : Double.parseDouble(ref.trim()));
	}
}
