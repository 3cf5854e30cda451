// LungPrep: preprocess every patient of a cohort folder (one sub-folder of DICOM files per patient, or .mhd/.nii files).
// Headless Fiji:   ImageJ-linux64 --headless --console -macro Preprocess_Folder.ijm "input=/data/cohort output=/data/prep"
// Plain ImageJ:    xvfb-run -a java -jar ij.jar -batch Preprocess_Folder.ijm "input=/data/cohort output=/data/prep"
args = getArgument();
input = call("ij.Macro.getValue", args, "input", "");
output = call("ij.Macro.getValue", args, "output", "");
if (input == "" || output == "") exit("usage: input=<cohort folder> output=<output folder>");
run("Batch Preprocess Folder...", "input=[" + input + "] output=[" + output + "] spacing=1 segmentation=robust mask=-1");
print("LungPrep: done, see " + output + File.separator + "manifest.csv");
