/**
 * Pixel codecs for encapsulated (compressed) DICOM pixel data: one {@link org.lungprep.io.dicom.codec.FrameDecoder}
 * per transfer syntax, found through {@link org.lungprep.io.dicom.codec.PixelDecoders}. The DICOM reader extracts
 * each frame's bytes (fragments joined) and hands them here with the frame's {@link org.lungprep.io.dicom.codec.FrameFormat};
 * decoders return the stored values, before any rescale.
 */
package org.lungprep.io.dicom.codec;
