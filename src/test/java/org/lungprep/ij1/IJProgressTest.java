package org.lungprep.ij1;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.event.KeyEvent;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lungprep.core.CancelledException;
import org.lungprep.core.Planar;
import org.lungprep.core.Volume;
import org.lungprep.core.VolumeInfo;
import org.lungprep.normalize.NormalizeSettings;
import org.lungprep.normalize.Normalizer;

import ij.IJ;

/** Esc in ImageJ cancels a running library step through IJProgress (headless: ImageJ's key state is static). */
class IJProgressTest {

	@AfterEach
	void releaseEscape() {
		IJ.resetEscape();
	}

	@Test
	void escapeCancelsAndResetResumes() {
		final IJProgress p = new IJProgress();
		IJ.resetEscape();
		assertFalse(p.isCancelled());
		p.progress("resample", 0.5);
		IJ.setKeyDown(KeyEvent.VK_ESCAPE);
		assertTrue(p.isCancelled(), "Esc pressed");
		IJ.resetEscape();
		assertFalse(p.isCancelled(), "a new command starts uncancelled (ImageJ resets Esc per command)");
	}

	@Test
	void aLibraryStepStopsWithCancelledExceptionWhenEscIsDown() {
		final Volume<net.imglib2.type.numeric.integer.ShortType> v = new Volume<>(Planar.shorts(64, 64, 8),
			new org.lungprep.core.Geometry(new double[] { 1, 1, 1 }, new double[3], new double[] { 1, 0, 0, 0, 1, 0, 0, 0, 1 }), VolumeInfo.EMPTY);
		IJ.setKeyDown(KeyEvent.VK_ESCAPE);
		assertThrows(CancelledException.class, () -> Normalizer.normalize(v, NormalizeSettings.DEFAULT, new IJProgress()));
	}
}
