package org.lungprep.commands;

import java.io.File;

import org.scijava.command.ContextCommand;
import org.scijava.plugin.Parameter;

/** The parameters both the single-scan and the cohort command take, declared once. */
public abstract class FolderCommand extends ContextCommand {

	@Parameter(label = "Input", description = "A DICOM folder or .mhd/.nii(.gz) file; for a batch, the cohort folder", style = "directory")
	public File input;

	@Parameter(label = "Output", description = "Output folder (a single scan's must not exist; a batch skips finished patients)", style = "directory")
	public File output;

	@Parameter(label = "Spacing (mm)", min = "0.1", max = "20")
	public double spacing = 1;

	@Parameter(label = "Segmentation", choices = { "robust", "tutorial" })
	public String segmentation = "robust";

	@Parameter(label = "Mask (mm)", description = "normalized.npy keeps only the voxels within this margin around the lungs, the rest is set to "
		+ "what air normalizes to; -1: no masking", min = "-1", max = "1000")
	public double mask = -1;
}
