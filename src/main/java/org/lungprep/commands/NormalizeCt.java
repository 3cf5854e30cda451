package org.lungprep.commands;

import org.lungprep.ij1.IJProgress;
import org.lungprep.ij1.ImagePlusVolumes;
import org.lungprep.normalize.NormalizeSettings;
import org.lungprep.normalize.Normalizer;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.ImagePlus;

/** Normalize...: clip HU, scale to 0..1, subtract the mean (32-bit result). */
@Plugin(type = Command.class, label = "Normalize")
public class NormalizeCt extends CtCommand {

	@Parameter(label = "CT", description = "16-bit CT stack in HU", validater = "validateInput")
	public ImagePlus input;

	@Parameter(label = "Min (HU)", description = "Lower clip, maps to 0")
	public double min = -1000;

	@Parameter(label = "Max (HU)", description = "Upper clip, maps to 1")
	public double max = 400;

	@Parameter(label = "Mean", description = "Subtracted after scaling (0.25 = the tutorial's PIXEL_MEAN)")
	public double mean = 0.25;

	@Parameter(type = ItemIO.OUTPUT)
	public ImagePlus output;

	protected void validateInput() {
		checkCt(input);
	}

	@Override
	public void run() {
		if (!checkCt(input)) return;
		if (!(min < max)) {
			cancel("Min must be below max");
			return;
		}
		output = ImagePlusVolumes.toFloatImagePlus(Normalizer.normalize(ImagePlusVolumes.huVolume(input), NormalizeSettings.DEFAULT.withClip(min, max).withMean(mean),
			new IJProgress()), input.getTitle() + " normalized");
	}
}
