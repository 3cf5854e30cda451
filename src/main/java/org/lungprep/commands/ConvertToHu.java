package org.lungprep.commands;


import org.lungprep.ij1.ImagePlusVolumes;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.ImagePlus;

/**
 * Convert to HU: a stack opened by ImageJ's own File › Import › Image Sequence (or any DICOM stack whose slice labels
 * hold the headers) to a LungPrep HU stack. ImageJ sorts DICOM slices by InstanceNumber and takes one spacing for all;
 * this re-derives the order along the slice normal and the spacing from each slice's ImagePositionPatient, keeps the
 * values ImageJ's calibration gives (HU), and says when the stack was mis-ordered.
 */
@Plugin(type = Command.class, label = "Convert to HU")
public class ConvertToHu extends CtCommand {

	@Parameter(label = "DICOM stack", description = "A 16-bit stack whose slice labels hold the DICOM headers (File > Import > Image Sequence)",
		validater = "validateInput")
	public ImagePlus input;

	@Parameter(type = ItemIO.OUTPUT)
	public ImagePlus output;

	protected void validateInput() {
		checkCt(input);
	}

	@Override
	public void run() {
		if (!checkCt(input)) return;
		final String missing = ImagePlusVolumes.missingDicomHeader(input);
		if (missing != null) {
			cancel(missing + ": open the series with Open CT Series... instead");
			return;
		}
		output = ImagePlusVolumes.toImagePlus(ImagePlusVolumes.huVolume(input), input.getTitle() + " HU");
	}
}
