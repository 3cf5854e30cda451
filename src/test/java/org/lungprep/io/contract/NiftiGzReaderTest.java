package org.lungprep.io.contract;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Files;

import org.lungprep.core.Volume;
import org.lungprep.io.AbstractVolumeReaderTest;
import org.lungprep.io.nifti.NiftiIO;

import net.imglib2.type.numeric.integer.ShortType;

class NiftiGzReaderTest extends AbstractVolumeReaderTest {
	@Override protected Volume<?> read(final Path file) throws IOException { return NiftiIO.read(file); }
	@Override protected Path write(final Volume<ShortType> v, final Path dir) throws IOException {
		final Path p = dir.resolve("v.nii.gz");
		NiftiIO.write(v, p);
		return p;
	}
	@Override protected String extension() { return ".nii.gz"; }
	/** dim = 16000 x 16000 x 8 int16 (4 GB, under the reader's old 8 GB cap) over a few kilobytes of data */
	@Override protected Path claimHugeDimensions(final Path valid) throws IOException {
		final Path p = valid.resolveSibling("huge.nii.gz");
		NiftiHeaders.patch(valid, p, h -> h.putShort(42, (short) 16000).putShort(44, (short) 16000).putShort(46, (short) 8).putShort(70, (short) 4)
			.putShort(72, (short) 16));
		return p;
	}
}
