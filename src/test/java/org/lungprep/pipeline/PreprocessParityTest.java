package org.lungprep.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lungprep.core.Planar;
import org.lungprep.core.ProgressListener;
import org.lungprep.core.Volume;
import org.lungprep.io.npy.NpyIO;
import org.lungprep.resample.Grid;
import org.lungprep.segment.SegmentSettings;
import org.lungprep.testutil.TestData;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.integer.ShortType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.real.FloatType;

/**
 * {@code preprocess <CPTAC> out --grid scipy --segmentation tutorial} against the tutorial's own outputs: resampled.npy
 * within 1 HU, lungs.npy with Dice &ge; 0.999 against lungs_fill.npy, normalized.npy within 1e-3. The evidence is the
 * one of the resample and segment tests (made once with tutorial_pipeline.py; see their headers).
 */
@Tag("slow")
class PreprocessParityTest {

	@TempDir
	Path tmp;

	@Test
	@SuppressWarnings("unchecked")
	void tutorialSettingsReproduceTheTutorial() throws IOException {
		final PreprocessSettings s = PreprocessSettings.DEFAULT.withGrid(Grid.SCIPY)
			.withSegment(SegmentSettings.DEFAULT.withMethod(SegmentSettings.Method.TUTORIAL).withFill(true));
		final Path out = tmp.resolve("out");
		new Preprocessor(s).run(TestData.cptac(), out, false, ProgressListener.NONE);
		final Volume<ShortType> resampled = (Volume<ShortType>) NpyIO.read(out.resolve("resampled.npy"));
		final Volume<UnsignedByteType> lungs = (Volume<UnsignedByteType>) NpyIO.read(out.resolve("lungs.npy"));
		final Volume<FloatType> normalized = (Volume<FloatType>) NpyIO.read(out.resolve("normalized.npy"));
		assertArrayEquals(new long[] { 297, 289, 289 }, resampled.shapeZyx());
		for (final int z : new int[] { 40, 148, 250 }) {
			final short[] ref = shorts("/org/lungprep/resample/cptac_resampled_scipy_z" + z + ".i16le.gz");
			final short[] ours = Planar.plane(Planar.asShorts(resampled.image()), z);
			final float[] norm = Planar.plane(Planar.asFloats(normalized.image()), z);
			for (int i = 0; i < ref.length; i++) {
				assertTrue(Math.abs(ref[i] - ours[i]) <= 1, "resampled slice " + z + " voxel " + i);
				// the tutorial: zero_center(normalize(res.astype(float32))) in float32
				final float expected = Math.min(1f, Math.max(0f, (ref[i] - (-1000f)) / (400f - (-1000f)))) - 0.25f;
				assertEquals(expected, norm[i], 1e-3, "normalized slice " + z + " voxel " + i);
			}
		}
		final byte[] bits = bytes("/org/lungprep/segment/cptac_lungs_fill_packbits.gz");
		long both = 0, a = 0, b = 0, k = 0;
		final RandomAccessibleInterval<UnsignedByteType> img = lungs.image();
		for (int z = 0; z < 297; z++)
			for (final byte v : (byte[]) Planar.plane(Planar.asUnsignedBytes(img), z)) {
				final boolean r = (bits[(int) (k >> 3)] >> (7 - (k & 7)) & 1) != 0;
				k++;
				if (r) a++;
				if (v != 0) b++;
				if (r && v != 0) both++;
			}
		final double dice = 2.0 * both / (a + b);
		assertTrue(dice >= 0.999, "Dice " + dice);
	}

	private static byte[] bytes(final String name) throws IOException {
		try (InputStream in = new GZIPInputStream(PreprocessParityTest.class.getResourceAsStream(name))) {
			final ByteArrayOutputStream out = new ByteArrayOutputStream();
			in.transferTo(out);
			return out.toByteArray();
		}
	}

	private static short[] shorts(final String name) throws IOException {
		final byte[] b = bytes(name);
		final short[] s = new short[b.length / 2];
		ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(s);
		return s;
	}
}
