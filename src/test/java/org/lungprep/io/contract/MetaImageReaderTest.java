package org.lungprep.io.contract;

import java.io.IOException;
import java.nio.file.Path;

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
}
