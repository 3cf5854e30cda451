package org.lungprep.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lungprep.core.Geometry;
import org.lungprep.core.Planar;
import org.lungprep.core.Volume;
import org.lungprep.core.VolumeIOException;
import org.lungprep.core.VolumeInfo;

import net.imglib2.img.planar.PlanarImg;
import net.imglib2.type.numeric.integer.ShortType;

/**
 * The misuse and malformed-input cases every volume reader meets (TwelveMonkeys style: one abstract test, one subclass
 * per format): a missing file, an empty file, text, random bytes and a truncated valid file all end in a
 * VolumeIOException whose one-line message names the file; a valid file reads back with its values.
 */
public abstract class AbstractVolumeReaderTest {

	@TempDir
	protected Path tmp;

	/** Reads a file with the reader under test. */
	protected abstract Volume<?> read(Path file) throws IOException;

	/** Writes a valid file (or folder, for DICOM) of the volume and returns what {@link #read} takes. */
	protected abstract Path write(Volume<ShortType> v, Path dir) throws IOException;

	/** The file name extension the reader recognises (with dot), used for malformed files. */
	protected abstract String extension();

	/**
	 * Rewrites the header of a valid file (as {@link #write} made it) so that it claims dimensions of gigabytes while
	 * the data stay a few kilobytes.
	 *
	 * @param valid what {@link #write} returned
	 * @return the file to read
	 */
	protected abstract Path claimHugeDimensions(Path valid) throws IOException;

	protected static Volume<ShortType> sample() {
		final PlanarImg<ShortType, ?> img = Planar.shorts(12, 9, 5);
		final Random r = new Random(7);
		for (final ShortType t : img)
			t.set((short) (r.nextInt(3000) - 1024));
		return new Volume<>(img, Geometry.of(0.75, 0.75, 2.5), VolumeInfo.EMPTY);
	}

	private void assertClearError(final Path file) {
		final VolumeIOException e = assertThrows(VolumeIOException.class, () -> read(file), file.toString());
		assertTrue(e.getMessage().contains(file.getFileName().toString()), "names the file: " + e.getMessage());
		assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
	}

	@Test
	void validFileReadsBack() throws IOException {
		final Volume<ShortType> v = sample();
		final Volume<?> back = read(write(v, Files.createDirectories(tmp.resolve("valid"))));
		assertArrayEquals(v.dimensions(), back.dimensions());
		for (int z = 0; z < v.size(2); z++)
			assertArrayEquals((short[]) Planar.plane(Planar.asShorts(v.image()), z),
				(short[]) Planar.plane(Planar.asShorts((net.imglib2.RandomAccessibleInterval) back.image()), z));
	}

	@Test
	void missingFile() {
		assertClearError(tmp.resolve("absent" + extension()));
	}

	@Test
	void emptyTextAndRandomFiles() throws IOException {
		final Path empty = tmp.resolve("empty" + extension()), text = tmp.resolve("text" + extension()), noise = tmp.resolve("noise" + extension());
		Files.write(empty, new byte[0]);
		Files.write(text, "this is not a volume\nat all\n".getBytes(StandardCharsets.US_ASCII));
		final byte[] b = new byte[4096];
		new Random(3).nextBytes(b);
		Files.write(noise, b);
		assertClearError(empty);
		assertClearError(text);
		assertClearError(noise);
	}

	/** A length field of gigabytes in a small file is an error, found before allocating (no OutOfMemoryError). */
	@Test
	void hugeDimensionsInASmallFile() throws IOException {
		assertClearError(claimHugeDimensions(write(sample(), Files.createDirectories(tmp.resolve("huge")))));
	}

	@Test
	void truncatedValidFile() throws IOException {
		final Path valid = write(sample(), Files.createDirectories(tmp.resolve("t")));
		final Path file = Files.isDirectory(valid) ? Files.list(valid).sorted().findFirst().orElseThrow() : valid;
		final byte[] all = Files.readAllBytes(file);
		final Path cut = tmp.resolve("cut" + extension());
		Files.write(cut, Arrays.copyOf(all, all.length * 2 / 3));
		assertClearError(cut);
	}
}
