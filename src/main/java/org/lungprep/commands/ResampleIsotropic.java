package org.lungprep.commands;

import java.util.Locale;

import org.lungprep.core.Volume;
import org.lungprep.ij1.IJProgress;
import org.lungprep.ij1.ImagePlusVolumes;
import org.lungprep.resample.Grid;
import org.lungprep.resample.Interpolation;
import org.lungprep.resample.ResampleSettings;
import org.lungprep.resample.Resampler;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.ImagePlus;
import net.imglib2.type.numeric.integer.ShortType;

/** Resample Isotropic...: the CT to cubic voxels of the given size. */
@Plugin(type = Command.class, label = "Resample Isotropic")
public class ResampleIsotropic extends CtCommand {

	@Parameter(label = "CT", description = "16-bit CT stack in HU", validater = "validateInput")
	public ImagePlus input;

	@Parameter(label = "Spacing (mm)", description = "Target voxel size, the same along z, y and x", min = "0.1", max = "20", stepSize = "0.1")
	public double spacing = 1;

	@Parameter(label = "Interpolation", choices = { "cubic", "linear", "nearest" }, description = "cubic = B-spline as scipy.ndimage.zoom(order=3)")
	public String interpolation = "cubic";

	@Parameter(label = "Grid", choices = { "physical", "scipy" }, description = "physical keeps the field of view; scipy reproduces the tutorial")
	public String grid = "physical";

	@Parameter(type = ItemIO.OUTPUT)
	public ImagePlus output;

	protected void validateInput() {
		checkCt(input);
	}

	@Override
	public void run() {
		if (!checkCt(input)) return;
		if (!(spacing > 0)) {
			cancel("Spacing must be > 0 mm");
			return;
		}
		final Volume<ShortType> r = Resampler.resample(ImagePlusVolumes.huVolume(input), ResampleSettings.isotropic(spacing)
			.withInterpolation(Interpolation.valueOf(interpolation.toUpperCase(Locale.ROOT))).withGrid(Grid.valueOf(grid.toUpperCase(Locale.ROOT))), new IJProgress());
		output = ImagePlusVolumes.toImagePlus(r, input.getTitle() + " " + spacing + " mm");
	}
}
