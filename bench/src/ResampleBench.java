import java.nio.file.Paths;

import org.lungprep.core.ProgressListener;
import org.lungprep.core.Volume;
import org.lungprep.pipeline.CtLoader;
import org.lungprep.pipeline.LoadOptions;
import org.lungprep.resample.Grid;
import org.lungprep.resample.Interpolation;
import org.lungprep.resample.ResampleSettings;
import org.lungprep.resample.Resampler;

import net.imglib2.type.numeric.integer.ShortType;

/**
 * Resampling the CPTAC HU volume to 1 mm (scipy grid, as the tutorial) against the reference's resample stage
 * (scipy.ndimage.zoom order 3). Args: report.json, (unused), series folder.
 */
public class ResampleBench {
	public static void main(final String[] args) throws Exception {
		final double ref = Bench.seconds(args[0], "resample");
		final Volume<ShortType> hu = CtLoader.load(Paths.get(args.length > 2 ? args[2] : "../shared/data/chest_ct/cptac-lscc_C3N-00247_lung3mm"),
			LoadOptions.DEFAULT, ProgressListener.NONE);
		for (final Interpolation in : new Interpolation[] { Interpolation.CUBIC, Interpolation.LINEAR }) {
			final ResampleSettings s = ResampleSettings.isotropic(1).withGrid(Grid.SCIPY).withInterpolation(in);
			double best = Double.MAX_VALUE;
			for (int i = 0; i < 40; i++) {
				final long t0 = System.nanoTime();
				Resampler.resample(hu, s, ProgressListener.NONE);
				if (i >= 10) best = Math.min(best, (System.nanoTime() - t0) / 1e9);
			}
			Bench.print("resample_" + in.name().toLowerCase(), best, ref);
		}
		final ResampleSettings phys = ResampleSettings.isotropic(1);
		double best = Double.MAX_VALUE;
		for (int i = 0; i < 40; i++) {
			final long t0 = System.nanoTime();
			Resampler.resample(hu, phys, ProgressListener.NONE);
			if (i >= 10) best = Math.min(best, (System.nanoTime() - t0) / 1e9);
		}
		Bench.print("resample_cubic_physical_antialiased", best, ref);
	}
}
