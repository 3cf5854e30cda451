package org.lungprep.ij1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.lungprep.mesh.TriangleMesh;
import org.lungprep.phantom.ChestPhantom;
import org.lungprep.phantom.PhantomCase;

import ij.ImagePlus;

/** The surface command's pieces, headless: no 3D Viewer on this class path, so the picture fallback is used. */
class ShowSurface3DTest {

	@Test
	void withoutFijiTheSurfaceBecomesAPicture() {
		assertFalse(Viewer3D.available(), "Fiji's 3D Viewer is not a dependency");
		final PhantomCase ph = ChestPhantom.builder().shape(64, 64, 24).spacing(5, 5, 10).build();
		final ImagePlus ct = ImagePlusVolumes.toImagePlus(ph.hu(), "phantom");
		final TriangleMesh spine = ShowSurface3D.surface(ct, 400, 1);
		assertTrue(spine.triangleCount() > 50, "the spine at 400 HU: " + spine.triangleCount());
		final ImagePlus picture = ShowSurface3D.picture(spine, "phantom", 0);
		assertEquals(24, picture.getBitDepth());
		assertEquals(600, picture.getWidth());
		assertEquals(3, ShowSurface3D.picture(spine, "phantom", 3).getStackSize(), "turntable frames");
		int lit = 0;
		final int[] px = (int[]) picture.getProcessor().getPixels();
		for (final int p : px)
			if ((p & 0xffffff) != (px[0] & 0xffffff)) lit++;
		assertTrue(lit > 100, "something is drawn: " + lit);
	}
}
