-- Nothing ever read or wrote instance settings; settings that administrators change at run time
-- will come with the feature that needs them, in a table shaped for it.
DROP TABLE instance_settings;
