package org.lungprep.commands;

import org.scijava.command.ContextCommand;

import ij.ImagePlus;

/**
 * Base of the LungPrep commands: the shared input check and cancel messages (BoneJ style), so every command refuses
 * missing, 2-D or wrong-type input with the same clear reason instead of failing inside the library.
 */
public abstract class CtCommand extends ContextCommand {

	/** Why a CT input is refused. */
	public static final String NO_IMAGE = "No image open: open a CT first (Plugins > LungPrep > Open CT Series...)",
		NOT_3D = "The image is 2-D: a CT stack with several slices is needed", NOT_16_BIT = "The image is not 16-bit: a CT in HU (16-bit) is needed";

	/** @return the reason the image is not a usable CT stack, or null when it is */
	public static String problem(final ImagePlus imp) {
		if (imp == null) return NO_IMAGE;
		if (imp.getStackSize() < 2) return NOT_3D;
		if (imp.getBitDepth() != 16) return NOT_16_BIT;
		return null;
	}

	/** Cancels with the reason when the image is not a usable CT stack; @return whether it is usable */
	protected boolean checkCt(final ImagePlus imp) {
		final String p = problem(imp);
		if (p != null) cancel(p);
		return p == null;
	}
}
