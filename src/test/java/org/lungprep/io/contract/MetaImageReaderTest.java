package org.lungprep.io.contract;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

import org.lungprep.core.Volume;
import org.lungprep.io.AbstractVolumeReaderTest;
import org.lungprep.io.metaimage.MetaImageIO;

import net.imglib2.type.numeric.integer.ShortType;

class MetaImageReaderTest extends AbstractVolumeReaderTest {
	@Override protected Volume<?> read(final Path file) throws IOException { return MetaImageIO.read(file); }
	@Override protected Path write(final Volume<ShortType> v, final Path dir) throws IOException {
		final Path p = dir.resolve("v.mhd");
		MetaImageIO.write(v, p);
		return p;
	}
	@Override protected String extension() { return ".mhd"; }
	/** DimSize 20000 x 20000 x 1 MET_FLOAT (1.6 GB) in a zlib-compressed file of a few kilobytes */
	@Override protected Path claimHugeDimensions(final Path valid) throws IOException {
		final byte[] raw = Files.readAllBytes(valid.resolveSibling("v.raw"));
		final java.io.ByteArrayOutputStream z = new java.io.ByteArrayOutputStream();
		try (java.util.zip.DeflaterOutputStream d = new java.util.zip.DeflaterOutputStream(z)) {
			d.write(raw);
		}
		Files.write(valid.resolveSibling("huge.zraw"), z.toByteArray());
		final Path p = valid.resolveSibling("huge.mhd");
		Files.write(p, ("ObjectType = Image\nNDims = 3\nCompressedData = True\nDimSize = 20000 20000 1\nElementType = MET_FLOAT\n"
			+ "ElementDataFile = huge.zraw\n").getBytes(StandardCharsets.US_ASCII));
		return p;
	}
}
