package org.lungprep.io.dicom;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.lungprep.core.VolumeIOException;

/**
 * One parsed DICOM file: its transfer syntax, data set, and where its pixel data sit (native bytes, or the fragments
 * of encapsulated, compressed data). Produced by {@link DicomParser}.
 */
public final class DicomFile {

	private final Path path;
	private final String transferSyntaxUid;
	private final DicomObject dataset;
	private final boolean pixelDataPresent;
	final byte[] buf;
	final int pixelOffset;
	final int pixelLength;
	final boolean pixelTruncated;
	final long[] basicOffsets;
	final List<int[]> fragments;

	DicomFile(final Path path, final String transferSyntaxUid, final DicomObject dataset, final boolean pixelDataPresent, final byte[] buf,
		final int pixelOffset, final int pixelLength, final boolean pixelTruncated, final long[] basicOffsets, final List<int[]> fragments)
	{
		this.path = path;
		this.transferSyntaxUid = transferSyntaxUid;
		this.dataset = dataset;
		this.pixelDataPresent = pixelDataPresent;
		this.buf = buf;
		this.pixelOffset = pixelOffset;
		this.pixelLength = pixelLength;
		this.pixelTruncated = pixelTruncated;
		this.basicOffsets = basicOffsets;
		this.fragments = fragments;
	}

	/** @return the file */
	public Path path() { return path; }

	/** @return the transfer syntax UID (from the file meta, or guessed from the data set's encoding) */
	public String transferSyntaxUid() { return transferSyntaxUid; }

	/** @return the data set (without the file meta group) */
	public DicomObject dataset() { return dataset; }

	/** @return whether the file has a PixelData element */
	public boolean hasPixelData() { return pixelDataPresent; }

	/** @return whether the pixel data are encapsulated (compressed) fragments */
	public boolean encapsulated() { return fragments != null; }

	/**
	 * Splits encapsulated pixel data into frames: by the Basic Offset Table when it has one entry per frame, else one
	 * fragment per frame when the counts match, else all fragments as one frame (single-frame images), else at the
	 * fragments that start a new JPEG / JPEG 2000 code stream.
	 *
	 * @param frameCount the number of frames (NumberOfFrames)
	 * @return the bytes of each frame (its fragments concatenated)
	 * @throws VolumeIOException when the fragments cannot be matched to the frames
	 */
	public List<byte[]> frames(final int frameCount) throws VolumeIOException {
		if (fragments == null) throw new VolumeIOException(path, "pixel data are not encapsulated");
		if (fragments.isEmpty()) throw new VolumeIOException(path, "encapsulated pixel data hold no fragments");
		final List<List<int[]>> groups = new ArrayList<>();
		if (basicOffsets.length == frameCount && frameCount > 1) {
			int f = 0;
			for (int i = 0; i < frameCount; i++)
				groups.add(new ArrayList<>());
			for (final int[] frag : fragments) {
				final long rel = frag[2];
				while (f + 1 < frameCount && rel >= basicOffsets[f + 1]) f++;
				groups.get(f).add(frag);
			}
		}
		else if (fragments.size() == frameCount) {
			for (final int[] frag : fragments)
				groups.add(List.of(frag));
		}
		else if (frameCount == 1) {
			groups.add(fragments);
		}
		else {
			for (final int[] frag : fragments) {
				if (groups.isEmpty() || startsCodeStream(frag)) groups.add(new ArrayList<>());
				groups.get(groups.size() - 1).add(frag);
			}
			if (groups.size() != frameCount) throw new VolumeIOException(path, "cannot split " + fragments.size() + " pixel data fragments into "
				+ frameCount + " frames (no usable basic offset table)");
		}
		final List<byte[]> out = new ArrayList<>(groups.size());
		for (final List<int[]> g : groups) {
			long n = 0;
			for (final int[] frag : g)
				n += frag[1];
			if (n > Integer.MAX_VALUE - 16) throw new VolumeIOException(path, "frame of " + n + " bytes is too large");
			final byte[] frame = new byte[(int) n];
			int o = 0;
			for (final int[] frag : g) {
				System.arraycopy(buf, frag[0], frame, o, frag[1]);
				o += frag[1];
			}
			out.add(frame);
		}
		return out;
	}

	private boolean startsCodeStream(final int[] frag) {
		if (frag[1] < 2) return false;
		final int b0 = buf[frag[0]] & 0xff, b1 = buf[frag[0] + 1] & 0xff;
		return b0 == 0xFF && (b1 == 0xD8 || b1 == 0x4F);
	}
}
