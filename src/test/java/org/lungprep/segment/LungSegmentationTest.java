package org.lungprep.segment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lungprep.core.ComputedPlanes;
import org.lungprep.core.Geometry;
import org.lungprep.core.Planar;
import org.lungprep.core.Volume;
import org.lungprep.core.VolumeInfo;
import org.lungprep.io.npy.NpyIO;

import net.imglib2.img.planar.PlanarImg;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.view.Views;

class LungSegmentationTest {

	@Test
	void binaryViewIsTheStoredBinaryMaskWithoutStoringIt(@TempDir final Path tmp) throws IOException {
		final PlanarImg<UnsignedByteType, ?> labels = Planar.unsignedBytes(13, 9, 6);
		final Random r = new Random(3);
		for (final UnsignedByteType t : labels) t.set(r.nextInt(3));
		final LungSegmentation seg = new LungSegmentation(new Volume<>(labels, Geometry.of(0.8, 0.8, 2), VolumeInfo.ofSource("test")), null);
		final Volume<UnsignedByteType> stored = seg.binary(), view = seg.binaryView();
		assertTrue(view.image() instanceof ComputedPlanes, "nothing stored");
		assertEquals(stored.geometry(), view.geometry());
		// element by element (the ImgLib2 view), including that labels 1 and 2 both give 1
		final byte[] a = values(stored), b = values(view);
		assertArrayEquals(a, b);
		int ones = 0;
		for (final UnsignedByteType t : Views.flatIterable(labels))
			ones += t.get() != 0 ? 1 : 0;
		int sum = 0;
		for (final byte v : b) sum += v;
		assertEquals(ones, sum);
		// slice by slice, as the writers read it: the .npy files are the same bytes
		NpyIO.write(stored, tmp.resolve("a.npy"));
		NpyIO.write(view, tmp.resolve("b.npy"));
		assertArrayEquals(Files.readAllBytes(tmp.resolve("a.npy")), Files.readAllBytes(tmp.resolve("b.npy")));
	}

	private static byte[] values(final Volume<UnsignedByteType> v) {
		final byte[] out = new byte[(int) Views.iterable(v.image()).size()];
		int i = 0;
		for (final UnsignedByteType t : Views.flatIterable(v.image())) out[i++] = (byte) t.get();
		return out;
	}
}
