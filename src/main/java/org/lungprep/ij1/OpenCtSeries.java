package org.lungprep.ij1;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import org.lungprep.core.CancelledException;
import org.lungprep.core.Volume;
import org.lungprep.pipeline.CtLoader;
import org.lungprep.pipeline.LoadOptions;

import ij.IJ;
import ij.ImagePlus;
import ij.Macro;
import ij.gui.GenericDialog;
import ij.io.DirectoryChooser;
import ij.plugin.PlugIn;
import net.imglib2.type.numeric.integer.ShortType;

/**
 * Plugins › LungPrep › Open CT Series...: a DICOM folder (any transfer syntax LungPrep decodes, slices ordered by
 * position) as a 16-bit stack in HU with its calibration; warnings (uneven spacing, missing slices, tilt) go to the
 * Log. Macro: {@code run("Open CT Series...", "folder=/path/to/series series=[]");}
 */
public final class OpenCtSeries implements PlugIn {

	@Override
	public void run(final String arg) {
		String folder = "";
		String series = "";
		final String options = Macro.getOptions();
		if (options == null) {
			final DirectoryChooser dc = new DirectoryChooser("Open CT Series (DICOM folder)");
			folder = dc.getDirectory();
			if (folder == null) return;
		}
		final GenericDialog gd = new GenericDialog("Open CT Series");
		gd.addDirectoryField("folder", folder);
		gd.addStringField("series", series, 40);
		gd.addMessage("series: SeriesInstanceUID or SeriesNumber; empty = the series with the most slices");
		if (options == null) {
			gd.showDialog();
			if (gd.wasCanceled()) return;
		}
		else gd.showDialog();
		folder = gd.getNextString();
		series = gd.getNextString();
		final ImagePlus imp = open(folder, series);
		if (imp != null) imp.show();
	}

	/** @return the opened image, or null after reporting the error to the user */
	static ImagePlus open(final String folder, final String series) {
		final Path p = Paths.get(folder);
		if (folder.trim().isEmpty() || !Files.exists(p)) {
			Errors.report("Open CT Series", "no such folder: '" + folder + "'");
			return null;
		}
		try {
			final Volume<ShortType> hu = CtLoader.load(p, LoadOptions.DEFAULT.withSeries(series), new IJProgress());
			for (final String w : hu.info().warnings())
				IJ.log("LungPrep warning (" + p.getFileName() + "): " + w);
			final String title = hu.info().description().isEmpty() ? String.valueOf(p.getFileName()) : hu.info().description();
			return ImagePlusVolumes.toImagePlus(hu, title);
		}
		catch (final CancelledException e) {
			IJ.showStatus("LungPrep: cancelled");
			return null;
		}
		catch (final Exception e) {
			Errors.report("Open CT Series", e.getMessage() == null ? e.toString() : e.getMessage());
			return null;
		}
		finally {
			IJ.showProgress(1.0);
		}
	}
}
