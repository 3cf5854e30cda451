package org.lungprep.io.contract;

import java.io.IOException;
import java.nio.file.Path;

import org.lungprep.core.Volume;
import org.lungprep.io.AbstractVolumeReaderTest;
import org.lungprep.io.nifti.NiftiIO;

import net.imglib2.type.numeric.integer.ShortType;

class NiftiReaderTest extends AbstractVolumeReaderTest {
	@Override protected Volume<?> read(final Path file) throws IOException { return NiftiIO.read(file); }
	@Override protected Path write(final Volume<ShortType> v, final Path dir) throws IOException {
		final Path p = dir.resolve("v.nii");
		NiftiIO.write(v, p);
		return p;
	}
	@Override protected String extension() { return ".nii"; }
}
