package org.lungprep.ij1;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

import org.lungprep.pipeline.BatchRunner;
import org.lungprep.pipeline.Cohort;
import org.lungprep.pipeline.PreprocessSettings;
import org.lungprep.pipeline.Preprocessor;

import ij.IJ;
import ij.gui.GenericDialog;
import ij.plugin.PlugIn;

/**
 * Plugins › LungPrep › Preprocess Chest CT... (one scan: argument "one") and Batch Preprocess Folder... (a cohort:
 * argument "batch"): the command line's preprocess and batch with their default settings, from ImageJ and macros.
 * Macro: {@code run("Batch Preprocess Folder...", "input=[/data/cohort] output=[/data/prep]");}
 */
public final class PreprocessFolders implements PlugIn {

	@Override
	public void run(final String arg) {
		final boolean batch = "batch".equals(arg);
		final String title = batch ? "Batch Preprocess Folder" : "Preprocess Chest CT";
		final GenericDialog gd = new GenericDialog(title);
		gd.addDirectoryField("input", "");
		gd.addDirectoryField("output", "");
		gd.addNumericField("spacing", 1, 2, 6, "mm");
		gd.addChoice("segmentation", new String[] { "robust", "tutorial" }, "robust");
		gd.showDialog();
		if (gd.wasCanceled()) return;
		final String in = gd.getNextString(), out = gd.getNextString();
		final double mm = gd.getNextNumber();
		final String method = gd.getNextChoice();
		if (in.trim().isEmpty() || out.trim().isEmpty()) {
			Errors.report(title, "input and output folders are needed");
			return;
		}
		final PreprocessSettings s = PreprocessSettings.DEFAULT.withSpacingZyx(new double[] { mm, mm, mm })
			.withSegment(org.lungprep.segment.SegmentSettings.DEFAULT.withMethod(org.lungprep.segment.SegmentSettings.Method.valueOf(method.toUpperCase(java.util.Locale.ROOT))));
		try {
			final Path input = Paths.get(in.trim()), output = Paths.get(out.trim());
			if (batch) {
				final List<Cohort.Patient> patients = Cohort.find(input);
				final BatchRunner.Summary summary = BatchRunner.defaults(p -> 1L << 28).run(patients, output, BatchRunner.Shard.ALL,
					(p, dir, threads, progress) -> new Preprocessor(s).runInto(p.input(), dir, progress).row(), new IJProgress());
				IJ.log("LungPrep batch: " + summary);
				if (summary.failed() > 0) Errors.report(title, summary.failed() + " patient(s) failed; see " + summary.manifest());
			}
			else {
				final Preprocessor.Result r = new Preprocessor(s).run(input, output, false, new IJProgress());
				IJ.log("LungPrep preprocess: " + input + " -> " + output + ", lungs " + ((java.util.Map<?, ?>) r.report().get("lungs")).get("total_ml") + " mL");
			}
		}
		catch (final org.lungprep.core.CancelledException e) {
			IJ.showStatus("LungPrep: cancelled");
		}
		catch (final Exception e) {
			Errors.report(title, e.getMessage() == null ? e.toString() : e.getMessage());
		}
		finally {
			IJ.showProgress(1.0);
		}
	}
}
