"""What instructors take away after grading: class report, similarity check, LMS files, Gradescope zip."""
