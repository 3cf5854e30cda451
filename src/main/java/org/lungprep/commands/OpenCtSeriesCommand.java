package org.lungprep.commands;

import java.io.File;
import java.io.IOException;

import org.lungprep.core.Volume;
import org.lungprep.ij1.IJProgress;
import org.lungprep.ij1.ImagePlusVolumes;
import org.lungprep.pipeline.CtLoader;
import org.lungprep.pipeline.LoadOptions;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.command.ContextCommand;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.IJ;
import ij.ImagePlus;
import net.imglib2.type.numeric.integer.ShortType;

/** Open CT Series...: a DICOM folder (or .mhd/.nii file) as a 16-bit stack in HU with its calibration. */
@Plugin(type = Command.class, label = "Open CT Series")
public class OpenCtSeriesCommand extends ContextCommand {

	@Parameter(label = "Folder", description = "DICOM folder, or a .mhd/.nii(.gz) file", style = "directory")
	public File folder;

	@Parameter(label = "Series", description = "SeriesInstanceUID or SeriesNumber; empty = the series with the most slices", required = false)
	public String series = "";

	@Parameter(type = ItemIO.OUTPUT)
	public ImagePlus output;

	@Override
	public void run() {
		if (folder == null || !folder.exists()) {
			cancel("No such folder: '" + folder + "'");
			return;
		}
		try {
			final Volume<ShortType> hu = CtLoader.load(folder.toPath(), LoadOptions.DEFAULT.withSeries(series), new IJProgress());
			for (final String w : hu.info().warnings())
				IJ.log("LungPrep warning (" + folder.getName() + "): " + w);
			output = ImagePlusVolumes.toImagePlus(hu, hu.info().description().isEmpty() ? folder.getName() : hu.info().description());
		}
		catch (final IOException e) {
			cancel(e.getMessage());
		}
	}
}
