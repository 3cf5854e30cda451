package org.lungprep.io.dicom.codec;

import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

import org.lungprep.core.VolumeIOException;

/**
 * JPEG (baseline, lossless process 14) through TwelveMonkeys ImageIO and JPEG 2000 through jai-imageio-jpeg2000, fed
 * the code stream of one frame. The reader is picked by class name, so the JDK's own JPEG reader (8-bit only) is never
 * used; raw samples are taken from the Raster, never from a colour-converted image.
 */
final class ImageIoDecoder implements FrameDecoder {

	private final String readerClass;
	private final String name;

	ImageIoDecoder(final String readerClass, final String name) {
		this.readerClass = readerClass;
		this.name = name;
	}

	@Override
	public short[] decode(final byte[] frame, final FrameFormat f, final Path file) throws VolumeIOException {
		if (frame.length == 0) throw new VolumeIOException(file, "empty " + name + " frame");
		final ImageReader reader = reader(frame, file);
		try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(frame))) {
			reader.setInput(in);
			final Raster r = reader.readRaster(0, null);
			if (r.getWidth() != f.columns() || r.getHeight() != f.rows())
				throw new VolumeIOException(file, name + " frame is " + r.getWidth() + "x" + r.getHeight() + ", the header says " + f.columns() + "x" + f.rows());
			if (r.getNumBands() != 1) throw new VolumeIOException(file, name + " frame has " + r.getNumBands() + " components, expected 1");
			final int n = f.pixelCount();
			final short[] out = new short[n];
			final int[] row = new int[f.columns()];
			final boolean bytes = r.getDataBuffer().getDataType() == DataBuffer.TYPE_BYTE;
			for (int y = 0; y < f.rows(); y++) {
				r.getSamples(r.getMinX(), r.getMinY() + y, f.columns(), 1, 0, row);
				for (int x = 0; x < row.length; x++)
					out[y * f.columns() + x] = (short) (bytes ? row[x] & 0xff : row[x]);
			}
			return out;
		}
		catch (final IOException | RuntimeException e) {
			final String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
			throw new VolumeIOException(file, name + " pixel data cannot be decoded: " + m, e);
		}
		finally {
			reader.dispose();
		}
	}

	private ImageReader reader(final byte[] frame, final Path file) throws VolumeIOException {
		try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(frame))) {
			final Iterator<ImageReader> it = ImageIO.getImageReaders(in);
			while (it.hasNext()) {
				final ImageReader r = it.next();
				if (r.getClass().getName().equals(readerClass)) return r;
				r.dispose();
			}
		}
		catch (final IOException e) {
			throw new VolumeIOException(file, name + " frame cannot be read: " + e.getMessage(), e);
		}
		throw new VolumeIOException(file, name + " frame: no decoder (" + readerClass + ") found for it; the frame may be corrupt or the library missing");
	}
}
