import java.nio.file.Paths;

import org.lungprep.core.ProgressListener;
import org.lungprep.core.Volume;
import org.lungprep.pipeline.CtLoader;
import org.lungprep.pipeline.LoadOptions;
import org.lungprep.resample.Grid;
import org.lungprep.resample.ResampleSettings;
import org.lungprep.resample.Resampler;
import org.lungprep.segment.LungSegmenter;
import org.lungprep.segment.SegmentSettings;

import net.imglib2.type.numeric.integer.ShortType;

/**
 * Lung segmentation of CPTAC at 1 mm: the tutorial method with fill against the reference's segment_fill stage, and
 * the robust method (goal: under 1.5 s). Args: report.json, (unused), series folder.
 */
public class SegmentBench {
	public static void main(final String[] args) throws Exception {
		final double ref = Bench.seconds(args[0], "segment_fill");
		final Volume<ShortType> hu = CtLoader.load(Paths.get(args.length > 2 ? args[2] : "../shared/data/chest_ct/cptac-lscc_C3N-00247_lung3mm"),
			LoadOptions.DEFAULT, ProgressListener.NONE);
		final Volume<ShortType> iso = Resampler.resample(hu, ResampleSettings.isotropic(1).withGrid(Grid.SCIPY), ProgressListener.NONE);
		final SegmentSettings tutorial = SegmentSettings.DEFAULT.withMethod(SegmentSettings.Method.TUTORIAL).withFill(true);
		Bench.print("segment_tutorial_fill", best(iso, tutorial), ref);
		Bench.print("segment_robust", best(iso, SegmentSettings.DEFAULT), ref);
	}

	static double best(final Volume<ShortType> iso, final SegmentSettings s) {
		double best = Double.MAX_VALUE;
		for (int i = 0; i < 10; i++) {
			final long t0 = System.nanoTime();
			LungSegmenter.segment(iso, s, ProgressListener.NONE);
			if (i >= 3) best = Math.min(best, (System.nanoTime() - t0) / 1e9);
		}
		return best;
	}
}
