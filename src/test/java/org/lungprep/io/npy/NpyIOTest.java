package org.lungprep.io.npy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lungprep.core.Geometry;
import org.lungprep.core.Planar;
import org.lungprep.core.Volume;
import org.lungprep.core.VolumeIOException;
import org.lungprep.core.VolumeInfo;

import net.imglib2.img.planar.PlanarImg;
import net.imglib2.type.numeric.integer.ShortType;
import net.imglib2.type.numeric.real.FloatType;

class NpyIOTest {

	@TempDir
	Path tmp;

	@Test
	void headerIsNumpyFormatWithZyxShape() throws IOException {
		final PlanarImg<ShortType, ?> img = Planar.shorts(5, 4, 3);
		final Path f = tmp.resolve("a.npy");
		NpyIO.write(new Volume<>(img, Geometry.of(1, 1, 1), VolumeInfo.EMPTY), f);
		final byte[] b = Files.readAllBytes(f);
		final int headerLength = ByteBuffer.wrap(b, 8, 2).order(ByteOrder.LITTLE_ENDIAN).getShort();
		assertEquals(0, (10 + headerLength) % 64, "header padded to 64 bytes as numpy does");
		final String header = new String(b, 10, headerLength, StandardCharsets.US_ASCII);
		assertTrue(header.startsWith("{'descr': '<i2', 'fortran_order': False, 'shape': (3, 4, 5), }"), header);
		assertEquals(10 + headerLength + 5 * 4 * 3 * 2, b.length);
	}

	@Test
	void valuesRoundTripInCOrder() throws IOException {
		final PlanarImg<FloatType, ?> img = Planar.floats(3, 2, 2);
		int i = 0;
		for (final FloatType t : img)
			t.set(i++ * 0.5f - 1);
		final Path f = tmp.resolve("f.npy");
		NpyIO.write(img, f);
		// C order of (z, y, x) is x fastest: the same order as the planar image's iteration
		final ByteBuffer data = ByteBuffer.wrap(Files.readAllBytes(f)).order(ByteOrder.LITTLE_ENDIAN);
		data.position(data.capacity() - 12 * 4);
		for (int k = 0; k < 12; k++)
			assertEquals(k * 0.5f - 1, data.getFloat(), 0f);
		final Volume<?> back = NpyIO.read(f);
		assertArrayEquals(new long[] { 2, 2, 3 }, back.shapeZyx());
		assertArrayEquals((float[]) Planar.plane(img, 1), (float[]) Planar.plane(Planar.asFloats(back.image()), 1), 0f);
	}

	@Test
	void badFilesAreClearErrors() throws IOException {
		final Path f = tmp.resolve("bad.npy");
		Files.write(f, "not numpy".getBytes(StandardCharsets.US_ASCII));
		assertTrue(assertThrows(VolumeIOException.class, () -> NpyIO.read(f)).getMessage().contains("bad.npy"));
		final PlanarImg<ShortType, ?> img = Planar.shorts(8, 8, 8);
		final Path t = tmp.resolve("trunc.npy");
		NpyIO.write(img, t);
		final byte[] all = Files.readAllBytes(t);
		Files.write(t, Arrays.copyOf(all, all.length - 10));
		assertTrue(assertThrows(VolumeIOException.class, () -> NpyIO.read(t)).getMessage().contains("truncated"));
	}
}
