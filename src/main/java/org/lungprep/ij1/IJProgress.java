package org.lungprep.ij1;

import org.lungprep.core.ProgressListener;

import ij.IJ;

/** LungPrep progress on ImageJ's progress bar and status line; Esc cancels. */
public final class IJProgress implements ProgressListener {

	private String lastStage = "";

	@Override
	public void progress(final String stage, final double fraction) {
		if (!stage.equals(lastStage)) {
			lastStage = stage;
			IJ.showStatus("LungPrep: " + stage);
		}
		IJ.showProgress(Math.min(1, Math.max(0, fraction)));
	}

	@Override
	public boolean isCancelled() {
		return IJ.escapePressed();
	}
}
